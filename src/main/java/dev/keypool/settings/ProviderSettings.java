package dev.keypool.settings;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.GatewayKeyConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.keypool.ProviderKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Providers with the keys the file declares for them, and the file's gateway keys. Key secrets are
 * shown as the same hints the key pages show; extra header values are masked, since a static header
 * may carry a credential.
 */
final class ProviderSettings {

  private ProviderSettings() {}

  static void collect(GatewayConfig config, ProviderSource source, SettingsCollector out) {
    List<ProviderConfig> declared = config.providers();
    int next = declared.size();
    for (ProviderConfig p : source.providers()) {
      int index = FileIndex.of(declared, ProviderConfig::id, p.id());
      String path = "providers[" + (index >= 0 ? index : next++) + "]";
      provider(source.changedAtRunTime(p.id()) ? out.atRunTime() : out, path, p);
    }
    for (int i = 0; i < config.gatewayKeys().size(); i++) {
      gatewayKey(out, "gateway_keys[" + i + "]", config.gatewayKeys().get(i));
    }
  }

  private static void provider(SettingsCollector out, String path, ProviderConfig p) {
    out.put(path + ".id", p.id());
    out.put(path + ".format", p.format());
    out.put(path + ".base_url", p.baseUrl());
    out.put(path + ".auth", p.auth());
    Map<String, String> headers = new LinkedHashMap<>();
    p.headers().keySet().stream().sorted().forEach(name -> headers.put(name, Redaction.MASK));
    out.secret(path + ".headers", headers);
    out.put(path + ".timeouts.connect", p.timeouts().connect());
    out.put(path + ".timeouts.first_byte", p.timeouts().firstByte());
    out.put(path + ".timeouts.idle", p.timeouts().idle());
    out.put(path + ".timeouts.total", p.timeouts().total());
    out.put(path + ".max_connections", p.maxConnections());
    out.put(path + ".models", p.models());
    out.put(path + ".responses", p.responses());
    out.put(path + ".completions", p.completions());
    if (p.proxy() != null) {
      out.secret(path + ".proxy", p.proxy().display());
    }
    for (int i = 0; i < p.keys().size(); i++) {
      key(out, path + ".keys[" + i + "]", p.keys().get(i));
    }
  }

  private static void key(SettingsCollector out, String path, ProviderKeyConfig k) {
    out.put(path + ".name", k.name());
    out.secret(path + ".secret", ProviderKey.hint(k.secret()));
    out.put(path + ".priority", k.priority());
    out.put(path + ".weight", k.weight());
    out.put(path + ".tags", k.tags());
    out.put(path + ".notes", k.notes());
    out.put(path + ".requests_per_minute", k.requestsPerMinute());
    out.put(path + ".enabled", k.enabled());
  }

  private static void gatewayKey(SettingsCollector out, String path, GatewayKeyConfig k) {
    out.put(path + ".name", k.name());
    out.secret(path + ".key", GatewayKeySecrets.hint(k.key()));
    out.put(path + ".description", k.description());
    out.put(path + ".allowed_models", k.scopes().models().patterns());
    out.put(path + ".allowed_providers", k.scopes().providers());
    out.put(path + ".allowed_ips", k.scopes().ips().entries());
    out.put(path + ".permissions", Permission.wireNames(k.permissions()));
    ServiceSettings.rules(out, path + ".limits", k.limits());
  }
}
