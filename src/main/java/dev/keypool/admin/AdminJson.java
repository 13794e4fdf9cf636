package dev.keypool.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.ext.web.RoutingContext;

/** JSON in and out of the admin API: snake_case field names, nulls kept, errors as {@code {"error":{...}}}. */
final class AdminJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // 50, not 5E+1: limits and prices are decimals that people read.
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private AdminJson() {}

  static void send(RoutingContext rc, int status, Object body) {
    try {
      rc.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(MAPPER.writeValueAsString(body));
    } catch (Exception e) {
      rc.fail(e);
    }
  }

  static void error(RoutingContext rc, int status, String type, String message) {
    var root = MAPPER.createObjectNode();
    root.putObject("error").put("type", type).put("message", message);
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(root.toString());
  }

  /** The request body as a JSON object. */
  static JsonNode body(RoutingContext rc) {
    String text = rc.body() == null ? null : rc.body().asString();
    if (text == null || text.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      if (!node.isObject()) {
        throw new AdminException(400, "invalid_request", "The body must be a JSON object.");
      }
      return node;
    } catch (AdminException e) {
      throw e;
    } catch (Exception e) {
      throw new AdminException(400, "invalid_request", "The body is not valid JSON.");
    }
  }
}
