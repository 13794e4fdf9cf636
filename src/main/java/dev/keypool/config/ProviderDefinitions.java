package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Providers as JSON, in the shape of one {@code providers:} entry of the file without its keys (keys
 * are managed through {@code /api/provider-keys}): what the admin API takes and shows and what the
 * database stores for providers changed at run time. Parsing goes through the file's binder, so a
 * provider is validated the same way wherever it comes from.
 */
public final class ProviderDefinitions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderDefinitions() {}

  /**
   * The provider {@code id} defined by {@code body} (its own {@code id} field, if any, must match),
   * with {@code keys} as its file keys. Throws {@link ConfigException} listing every problem, with
   * paths relative to the body.
   */
  public static ProviderConfig parse(String id, JsonNode body, List<ProviderKeyConfig> keys) {
    ConfigErrors errors = new ConfigErrors();
    if (body == null || !body.isObject()) {
      errors.add("", "a provider is a JSON object: {\"id\": \"...\", \"format\": \"openai\", \"base_url\": \"...\"}");
      errors.throwIfAny();
    }
    ObjectNode node = ((ObjectNode) body).deepCopy();
    JsonNode given = node.get("id");
    if (given != null && !given.asText().equals(id)) {
      errors.add("id", "does not match the id in the URL (\"" + id + "\")");
    }
    if (node.remove("keys") != null) {
      errors.add("keys", "keys are not part of a provider here; add them with POST /api/provider-keys");
    }
    node.put("id", id);
    ProviderConfig bound = ProviderBinder.bind(new FieldReader("", node, errors));
    errors.throwIfAny();
    return new ProviderConfig(bound.id(), bound.format(), bound.baseUrl(), bound.auth(), bound.headers(),
        bound.timeouts(), bound.maxConnections(), keys, bound.models(), bound.responses(), bound.completions(),
        bound.proxy());
  }

  /** The JSON form of {@code provider}: every setting spelled out, headers in full, no keys. */
  public static ObjectNode toJson(ProviderConfig provider) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", provider.id());
    out.put("format", provider.format().wireName());
    out.put("base_url", provider.baseUrl());
    out.put("auth", FieldReader.wire(provider.auth()));
    ObjectNode headers = out.putObject("headers");
    provider.headers().forEach(headers::put);
    ObjectNode timeouts = out.putObject("timeouts");
    timeouts.put("connect", Durations.format(provider.timeouts().connect()));
    timeouts.put("first_byte", Durations.format(provider.timeouts().firstByte()));
    timeouts.put("idle", Durations.format(provider.timeouts().idle()));
    timeouts.put("total", Durations.format(provider.timeouts().total()));
    out.put("max_connections", provider.maxConnections());
    ArrayNode models = out.putArray("models");
    provider.models().forEach(models::add);
    out.put("responses", provider.responses());
    out.put("completions", provider.completions());
    if (provider.proxy() != null) {
      out.put("proxy", proxyUrl(provider.proxy()));
    }
    return out;
  }

  /** The proxy as its URL, credentials included: this is the form stored, never the one shown. */
  private static String proxyUrl(ProxyConfig p) {
    if (p.type() == ProxyConfig.Type.DIRECT) {
      return "none";
    }
    String user = p.username() == null ? "" : encode(p.username())
        + (p.password() == null ? "" : ":" + encode(p.password())) + "@";
    return (p.type() == ProxyConfig.Type.HTTP ? "http" : "socks5") + "://" + user + p.host() + ":" + p.port();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
