package dev.keypool.testkit;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The fake upstream's model lists, in each provider's wire format: OpenAI's {@code GET /v1/models}
 * ({@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}), Anthropic's
 * {@code GET /v1/models} (told apart by its {@code anthropic-version} header;
 * {@code {"data":[{"type":"model","id","display_name","created_at"}],"has_more","first_id","last_id"}})
 * and Gemini's {@code GET /v1beta/models} ({@code {"models":[{"name":"models/...","displayName",...}]}}).
 */
public final class ModelLists {
  /** The models every list holds: id and display name. */
  public static final List<List<String>> MODELS = List.of(List.of("model-one", "Model One"), List.of("model-two", "Model Two"));

  private ModelLists() {}

  static boolean answers(RecordedRequest r) {
    return r.path().equals("/v1/models") || r.path().equals("/v1beta/models");
  }

  static void write(HttpServerRequest request, RecordedRequest r, int status) {
    boolean gemini = r.path().startsWith("/v1beta/");
    boolean anthropic = !gemini && r.headers().containsKey("anthropic-version");
    String body = status != 200 ? error(gemini, anthropic, status) : gemini ? gemini() : anthropic ? anthropic() : openAi();
    request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  private static String openAi() {
    StringBuilder out = new StringBuilder("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < MODELS.size(); i++) {
      out.append(i > 0 ? "," : "").append("{\"id\":\"").append(MODELS.get(i).get(0))
          .append("\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"system\"}");
    }
    return out.append("]}").toString();
  }

  private static String anthropic() {
    StringBuilder out = new StringBuilder("{\"data\":[");
    for (int i = 0; i < MODELS.size(); i++) {
      out.append(i > 0 ? "," : "").append("{\"type\":\"model\",\"id\":\"").append(MODELS.get(i).get(0))
          .append("\",\"display_name\":\"").append(MODELS.get(i).get(1)).append("\",\"created_at\":\"2025-05-14T00:00:00Z\"}");
    }
    return out.append("],\"has_more\":false,\"first_id\":\"").append(MODELS.getFirst().get(0))
        .append("\",\"last_id\":\"").append(MODELS.getLast().get(0)).append("\"}").toString();
  }

  private static String gemini() {
    StringBuilder out = new StringBuilder("{\"models\":[");
    for (int i = 0; i < MODELS.size(); i++) {
      out.append(i > 0 ? "," : "").append("{\"name\":\"models/").append(MODELS.get(i).get(0))
          .append("\",\"version\":\"001\",\"displayName\":\"").append(MODELS.get(i).get(1))
          .append("\",\"inputTokenLimit\":1048576,\"outputTokenLimit\":65536,")
          .append("\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"]}");
    }
    return out.append("]}").toString();
  }

  private static String error(boolean gemini, boolean anthropic, int status) {
    if (gemini) {
      return "{\"error\":{\"code\":" + status + ",\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\"}}";
    }
    if (anthropic) {
      return "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
    }
    return "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
  }
}
