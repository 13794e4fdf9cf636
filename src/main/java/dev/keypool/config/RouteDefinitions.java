package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Model routes as JSON, in the shape of one {@code models:} entry of the file: what the admin API
 * takes and shows and what the database stores for routes changed at run time. Parsing goes through
 * the same binder as the file, so a route is validated the same way wherever it comes from.
 */
public final class RouteDefinitions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteDefinitions() {}

  /**
   * The route {@code id} defined by {@code body} (its own {@code id} field, if any, must match).
   * Throws {@link ConfigException} listing every problem, with paths relative to the body.
   */
  public static ModelRouteConfig parse(String id, JsonNode body, RoutingConfig routing, Set<String> providerIds) {
    ConfigErrors errors = new ConfigErrors();
    if (body == null || !body.isObject()) {
      errors.add("", "a route is a JSON object: {\"candidates\": [{\"provider\": \"...\", \"model\": \"...\"}]}");
      errors.throwIfAny();
    }
    ObjectNode node = ((ObjectNode) body).deepCopy();
    JsonNode given = node.get("id");
    if (given != null && !given.asText().equals(id)) {
      errors.add("id", "does not match the id in the URL (\"" + id + "\")");
    }
    node.put("id", id);
    ModelRouteConfig route = ModelRouteBinder.bind(new FieldReader("", node, errors), routing, providerIds);
    errors.throwIfAny();
    return route;
  }

  /** The JSON form of {@code route}: every setting spelled out. */
  public static ObjectNode toJson(ModelRouteConfig route) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", route.id());
    ArrayNode candidates = out.putArray("candidates");
    for (ModelRouteConfig.Candidate c : route.candidates()) {
      candidates.addObject().put("provider", c.provider()).put("model", c.model());
    }
    ArrayNode aliases = out.putArray("aliases");
    route.aliases().forEach(aliases::add);
    out.put("strategy", route.strategy().name().toLowerCase(Locale.ROOT));
    out.put("max_attempts", route.maxAttempts());
    out.put("calls_per_rotation", route.callsPerRotation());
    out.put("max_tokens", route.maxTokens());
    out.put("fake_stream", route.fakeStream());
    out.put("keep_alive", Durations.format(route.keepAlive()));
    out.put("hosted_tools", route.hostedTools().name().toLowerCase(Locale.ROOT));
    out.put("max_tokens_over_limit", route.maxTokensOverLimit().name().toLowerCase(Locale.ROOT));
    out.set("affinity", affinity(route.affinity()));
    return out;
  }

  private static ObjectNode affinity(AffinityConfig a) {
    ObjectNode out = JSON.createObjectNode().put("enabled", a.enabled());
    a.sources().forEach(out.putArray("sources")::add);
    return out.put("ttl", Durations.format(a.ttl())).put("max_sessions", a.maxSessions());
  }
}
