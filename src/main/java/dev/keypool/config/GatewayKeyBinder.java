package dev.keypool.config;

import dev.keypool.gatewaykey.IpAllowList;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.ModelPatterns;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.LimitRules;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Binds one entry of {@code gateway_keys}: name, key, description, scopes, permissions and limits. */
final class GatewayKeyBinder {
  /** The default value earlier example files gave their gateway key: installs that copied them must not start with it. */
  private static final Pattern PUBLISHED_EXAMPLE = Pattern.compile("ak_demo0+");

  private GatewayKeyBinder() {}

  static GatewayKeyConfig bind(FieldReader k) {
    String name = k.string("name", "").trim();
    if (name.isEmpty()) {
      k.errors().add(k.path("name"), "required");
    }
    String key = k.secret("key");
    if (!key.startsWith(ConfigDefaults.GATEWAY_KEY_PREFIX) || key.length() < ConfigDefaults.GATEWAY_KEY_MIN_LENGTH
        || key.chars().anyMatch(c -> c <= ' ')) {
      k.errors().add(k.path("key"), "must start with " + ConfigDefaults.GATEWAY_KEY_PREFIX + " and be at least "
          + ConfigDefaults.GATEWAY_KEY_MIN_LENGTH + " characters without spaces");
    } else if (PUBLISHED_EXAMPLE.matcher(key).matches()) {
      k.errors().add(k.path("key"), "is the example key once printed in keypool.example.yaml, known to anyone: "
          + "set a value of your own (ak_$(openssl rand -hex 32)) or remove the entry");
    }
    String description = k.string("description", "");
    ModelPatterns models = parse(k, "allowed_models", k.strings("allowed_models", List.of()), ModelPatterns::new, ModelPatterns.ANY);
    List<String> providers = k.strings("allowed_providers", List.of());
    IpAllowList ips = parse(k, "allowed_ips", k.strings("allowed_ips", List.of()), IpAllowList::new, IpAllowList.ANY);
    Set<Permission> permissions = parse(k, "permissions",
        k.strings("permissions", Permission.wireNames(ConfigDefaults.GATEWAY_KEY_PERMISSIONS)), Permission::parseAll,
        ConfigDefaults.GATEWAY_KEY_PERMISSIONS);
    LimitRules limits = parse(k, "limits", k.values("limits"), LimitRules::parse, LimitRules.NONE);
    k.finish();
    return new GatewayKeyConfig(name, key, description, new KeyScopes(models, providers, ips),
        permissions, limits);
  }

  /** Checks that every allowed provider is configured; run once providers are known. */
  static void checkProviders(FieldReader k, GatewayKeyConfig key, Set<String> providerIds) {
    List<String> providers = key.scopes().providers();
    for (int i = 0; i < providers.size(); i++) {
      if (!providerIds.contains(providers.get(i))) {
        k.errors().add(ConfigPaths.index(k.path("allowed_providers"), i),
            "unknown provider '" + providers.get(i) + "' (configured: " + String.join(", ", providerIds) + ")");
      }
    }
  }

  private static <T, R> R parse(FieldReader k, String field, T value, Function<T, R> parser, R fallback) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      k.errors().add(k.path(field), e.getMessage());
      return fallback;
    }
  }
}
