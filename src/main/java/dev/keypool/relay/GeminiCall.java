package dev.keypool.relay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What a Gemini client's path says, since Gemini keeps it out of the body: the model of
 * {@code POST /v1beta/models/<model>:generateContent}, {@code :streamGenerateContent} or
 * {@code :countTokens}, the endpoint that serves it, whether it streams, and whether the stream is SSE
 * ({@code ?alt=sse}) or Google's default, one JSON array sent piece by piece. Parsed with plain string
 * operations: the dispatch stays free of a router.
 */
public record GeminiCall(String model, Endpoint endpoint, boolean stream, boolean sse) {
  /** Every Gemini path starts so; {@code v1} is accepted too, as Google serves both. */
  public static final String PREFIX = "/v1beta/models/";
  private static final String V1_PREFIX = "/v1/models/";

  /**
   * The call named by this path, or null when the path is not a Gemini generate call (nor is one
   * whose model is not valid percent-encoding). Never throws.
   *
   * @param alt the {@code alt} query parameter, or null
   */
  public static GeminiCall parse(String path, String alt) {
    int start = path.startsWith(PREFIX) ? PREFIX.length() : path.startsWith(V1_PREFIX) ? V1_PREFIX.length() : -1;
    int colon = path.lastIndexOf(':');
    if (start < 0 || colon <= start) {
      return null;
    }
    Endpoint endpoint = Endpoint.GENERATE_CONTENT;
    boolean stream = false;
    switch (path.substring(colon + 1)) {
      case "generateContent" -> { }
      case "streamGenerateContent" -> stream = true;
      case "countTokens" -> endpoint = Endpoint.GEMINI_COUNT_TOKENS;
      default -> {
        return null;
      }
    }
    String model;
    try {
      model = URLDecoder.decode(path.substring(start, colon), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException brokenEscape) {
      return null; // a '%' not followed by two hex digits: no model is named
    }
    if (model.startsWith("models/")) {
      model = model.substring("models/".length()); // some clients repeat the collection name
    }
    return model.isBlank() ? null : new GeminiCall(model, endpoint, stream, stream && "sse".equals(alt));
  }

  /** Whether a path belongs to Gemini's API (for the error shape of a path Keypool does not serve). */
  public static boolean isGeminiPath(String path) {
    return path.startsWith("/v1beta/") || path.startsWith(V1_PREFIX) && path.indexOf(':') > 0;
  }

  /** A model name as one path segment (a configured upstream name may carry the {@code models/} prefix). */
  static String pathSegment(String model) {
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
