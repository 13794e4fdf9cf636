package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the fake upstream received, as the gateway sent it.
 *
 * @param headers header names are case-insensitive (a {@code TreeMap} with
 *     {@code String.CASE_INSENSITIVE_ORDER}); each name maps to all its values in order
 * @param key the credential, from {@code Authorization: Bearer X}, {@code x-api-key: X},
 *     {@code x-goog-api-key: X} or {@code ?key=X}, or null
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    String key,
    Instant receivedAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON, or a {@link MissingNode} when it is empty or not JSON. */
  public JsonNode bodyJson() {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** Whether the body asks for a stream ({@code "stream": true}), or a Gemini path does ({@code :streamGenerateContent}). */
  public boolean streaming() {
    return gemini() ? path.endsWith(":streamGenerateContent") : bodyJson().path("stream").asBoolean(false);
  }

  /** Whether this is a Gemini call, {@code /v1beta/models/<model>:<method>}. */
  public boolean gemini() {
    return path.startsWith("/v1beta/models/") && path.indexOf(':') > 0;
  }

  /** Whether a Gemini stream was asked for as SSE ({@code ?alt=sse}) rather than a JSON array. */
  public boolean sse() {
    return query != null && java.util.Arrays.asList(query.split("&")).contains("alt=sse");
  }

  /** The requested model (from the path for Gemini), or {@code "fake-model"} when the request names none. */
  public String model() {
    if (gemini()) {
      return path.substring("/v1beta/models/".length(), path.lastIndexOf(':'));
    }
    return bodyJson().path("model").asText("fake-model");
  }
}
