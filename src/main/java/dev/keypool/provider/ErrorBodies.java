package dev.keypool.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

/** Small JSON helpers shared by the wire formats' error readers. */
public final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /** The body as a JSON tree, or null when it is not JSON. */
  public static JsonNode tree(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return JSON.readTree(body.getBytes());
    } catch (Exception e) {
      return null;
    }
  }

  /** The text of a field, or null when missing or not a scalar. */
  public static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /**
   * The {@code "error"} object both formats use ({@code {"error":{"type","code","message"}}}), or null
   * when the body has none.
   */
  public static UpstreamError errorObject(JsonNode root) {
    JsonNode err = root == null ? null : root.get("error");
    if (err == null || !err.isObject()) {
      return null;
    }
    return new UpstreamError(text(err, "type"), text(err, "code"), text(err, "message"));
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
