package dev.keypool.config;

import java.util.regex.Pattern;

/** Binds and validates one entry of a provider's {@code keys}. */
final class ProviderKeyBinder {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private ProviderKeyBinder() {}

  static ProviderKeyConfig bind(FieldReader r) {
    String name = r.string("name", "");
    if (name.isEmpty()) {
      r.errors().add(r.path("name"), "required (letters, digits, '.', '_' and '-', up to 64)");
    } else if (!NAME.matcher(name).matches()) {
      r.errors().add(r.path("name"), "must match [A-Za-z0-9_.-]{1,64} (was \"" + name + "\")");
    }
    String secret = r.secret("secret");
    if (secret.isEmpty()) {
      r.errors().add(r.path("secret"), "required (e.g. secret: ${OPENAI_API_KEY})");
    } else if (!secret.equals(secret.strip()) || secret.chars().anyMatch(Character::isISOControl)) {
      // A pasted newline would break the upstream request header; say so without printing the secret.
      r.errors().add(r.path("secret"), "must not contain spaces at either end or control characters");
    }
    int priority = r.integer("priority", ConfigDefaults.KEY_PRIORITY, -1_000_000, 1_000_000);
    int weight = r.integer("weight", ConfigDefaults.KEY_WEIGHT, 1, 1_000_000);
    var tags = r.strings("tags", java.util.List.of());
    String notes = r.string("notes", "");
    int rpm = r.integer("requests_per_minute", 0, 0, Integer.MAX_VALUE);
    boolean enabled = r.bool("enabled", true);
    r.finish();
    return new ProviderKeyConfig(name, secret, priority, weight, tags, notes, rpm, enabled);
  }
}
