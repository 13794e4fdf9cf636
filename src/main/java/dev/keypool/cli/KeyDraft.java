package dev.keypool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.keypool.ProviderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of an import file, checked: the fields it gives, null where it gives none. The fields and
 * their rules are those of {@code POST /api/provider-keys}; the fields an export adds ({@code source},
 * {@code secret_hint}) are accepted and ignored, so an export can be imported again.
 */
record KeyDraft(String provider, String name, String secret, Integer priority, Integer weight, List<String> tags,
    String notes, Integer requestsPerMinute, Boolean enabled) {

  private static final Set<String> FIELDS = Set.of("provider", "name", "secret", "priority", "weight", "tags", "notes",
      "requests_per_minute", "enabled");
  private static final Set<String> IGNORED = Set.of("id", "source", "secret_hint", "disabled_reason", "created_at",
      "updated_at");

  /** The entry as a draft; an IllegalArgumentException saying what is wrong with it. */
  static KeyDraft parse(ObjectNode o, Set<String> providers) {
    if (o == null) {
      throw new IllegalArgumentException("not a key: expected an object (JSON) or as many fields as the header (CSV)");
    }
    o.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f) && !IGNORED.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "'");
      }
    });
    String provider = text(o, "provider", true);
    if (!providers.contains(provider)) {
      throw new IllegalArgumentException("unknown provider '" + provider + "'");
    }
    String secret = text(o, "secret", false);
    if (secret != null && masked(secret)) {
      throw new IllegalArgumentException("'secret' is a masked hint, not a key (export with --with-secrets)");
    }
    return new KeyDraft(provider, text(o, "name", true), secret, integer(o, "priority", Integer.MIN_VALUE),
        integer(o, "weight", 1), tags(o), o.has("notes") ? o.get("notes").asText() : null,
        integer(o, "requests_per_minute", 0), bool(o));
  }

  /** A new key from this draft; {@code secret} must be given. */
  ProviderKey newKey() {
    if (secret == null) {
      throw new IllegalArgumentException("'secret' is required for a new key");
    }
    return new ProviderKey(null, provider, name, secret, or(priority, 0), or(weight, 1), tags == null ? List.of() : tags,
        notes == null ? "" : notes, or(requestsPerMinute, 0), enabled == null || enabled, null, "api", null, null);
  }

  /** {@code old} with the fields this draft gives. */
  ProviderKey over(ProviderKey old, Instant now) {
    boolean on = enabled == null ? old.enabled() : enabled;
    return new ProviderKey(old.id(), old.providerId(), old.name(), secret == null ? old.secret() : secret,
        or(priority, old.priority()), or(weight, old.weight()), tags == null ? old.tags() : tags,
        notes == null ? old.notes() : notes, or(requestsPerMinute, old.requestsPerMinute()), on,
        on ? null : old.enabled() ? "disabled by an import" : old.disabledReason(), old.source(), old.createdAt(), now);
  }

  private static boolean masked(String secret) {
    return secret.equals("****") || secret.matches(".{3}\\.\\.\\..{4}");
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String text(ObjectNode o, String field, boolean required) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
      if (required) {
        throw new IllegalArgumentException("'" + field + "' is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return v.asText().strip();
  }

  private static Integer integer(ObjectNode o, String field, int min) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    Integer n = v.canConvertToInt() && v.isIntegralNumber() ? Integer.valueOf(v.intValue())
        : v.isTextual() && v.asText().strip().matches("-?\\d{1,9}") ? Integer.valueOf(v.asText().strip()) : null;
    if (n == null || n < min) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number" + (min > Integer.MIN_VALUE ? " >= " + min : ""));
    }
    return n;
  }

  private static Boolean bool(ObjectNode o) {
    JsonNode v = o.get("enabled");
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return Boolean.valueOf(v.asText());
    }
    throw new IllegalArgumentException("'enabled' must be true or false");
  }

  private static List<String> tags(ObjectNode o) {
    JsonNode v = o.get("tags");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("'tags' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : v) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("'tags' must be a list of strings");
      }
      out.add(t.asText());
    }
    return List.copyOf(out);
  }
}
