package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderDefinitions;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.routing.ProviderOverrides;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider as the admin API shows it: its definition (as in the file, without keys), where it comes
 * from, the fields the environment pins, and how many keys it has. Extra header values may be
 * credentials, so they are shown as a hint unless the header is known to carry none; a hint sent back
 * unchanged keeps the stored value, so a console can send a provider back as it got it.
 */
final class ProviderView {
  /** Headers whose values are settings, never credentials. */
  private static final Set<String> PLAIN_HEADERS = Set.of("anthropic-version", "anthropic-beta", "openai-organization",
      "openai-project", "http-referer", "x-title", "user-agent");

  private ProviderView() {}

  static ObjectNode of(ProviderConfig p, ProviderOverrides overrides, List<KeySnapshot> keys) {
    ObjectNode out = ProviderDefinitions.toJson(p);
    ObjectNode headers = out.putObject("headers");
    p.headers().forEach((name, value) -> headers.put(name, shown(name, value)));
    if (p.proxy() != null) {
      out.put("proxy", p.proxy().display());
    }
    out.put("source", overrides.source(p.id()));
    ArrayNode pinned = out.putArray("env_overrides");
    overrides.envOverrides(p.id()).forEach(pinned::add);
    int total = 0;
    int enabled = 0;
    int healthy = 0;
    for (KeySnapshot k : keys) {
      if (k.providerId().equals(p.id())) {
        total++;
        enabled += k.enabled() ? 1 : 0;
        healthy += k.enabled() && k.state() == KeyState.HEALTHY ? 1 : 0;
      }
    }
    out.putObject("keys").put("total", total).put("enabled", enabled).put("healthy", healthy);
    return out;
  }

  static String shown(String header, String value) {
    return PLAIN_HEADERS.contains(header) ? value : ProviderKey.hint(value);
  }

  /**
   * {@code body} with each header value that is the hint of the current provider's value of that
   * header replaced by the value itself, and a proxy sent back as shown (password masked) replaced by
   * the stored one.
   */
  static void keepHiddenHeaders(JsonNode body, ProviderConfig current) {
    if (current != null && current.proxy() != null && body instanceof ObjectNode provider
        && body.path("proxy").asText("").equals(current.proxy().display())) {
      provider.put("proxy", ProviderDefinitions.toJson(current).path("proxy").asText());
    }
    if (current == null || !(body.get("headers") instanceof ObjectNode headers)) {
      return;
    }
    for (Map.Entry<String, String> h : current.headers().entrySet()) {
      JsonNode sent = headers.get(h.getKey());
      if (sent != null && sent.isTextual() && !PLAIN_HEADERS.contains(h.getKey())
          && sent.asText().equals(ProviderKey.hint(h.getValue()))) {
        headers.put(h.getKey(), h.getValue());
      }
    }
  }
}
