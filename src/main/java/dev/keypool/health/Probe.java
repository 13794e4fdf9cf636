package dev.keypool.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.HealthChecksConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.provider.WireFormat;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The request one health check sends, in the provider's format. The models probe lists models where
 * that costs nothing: OpenAI {@code GET {base}/models}, Anthropic {@code GET {base}/models?limit=1},
 * Gemini {@code GET /v1beta/models?pageSize=1}. The completion probe asks the configured model for one
 * output token: OpenAI {@code POST {base}/chat/completions} with {@code max_tokens: 1}, Anthropic
 * {@code POST {base}/messages} with {@code max_tokens: 1}, Gemini {@code POST
 * /v1beta/models/{model}:generateContent} with {@code generationConfig.maxOutputTokens: 1}.
 */
record Probe(HttpMethod method, String url, Buffer body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Probe of(ProviderConfig p, HealthChecksConfig.ProviderCheck check) {
    if (check.probe() == HealthChecksConfig.Probe.MODELS) {
      return new Probe(HttpMethod.GET, p.baseUrl() + switch (p.format()) {
        case OPENAI -> "/models";
        case ANTHROPIC -> "/models?limit=1";
        case GEMINI -> "/v1beta/models?pageSize=1";
      }, null);
    }
    String model = check.model();
    ObjectNode body = JSON.createObjectNode();
    return switch (p.format()) {
      case OPENAI -> {
        body.put("model", model).putArray("messages").addObject().put("role", "user").put("content", "ping");
        body.put("max_tokens", 1);
        yield new Probe(HttpMethod.POST, p.baseUrl() + "/chat/completions", Buffer.buffer(body.toString()));
      }
      case ANTHROPIC -> {
        body.put("model", model).put("max_tokens", 1);
        body.putArray("messages").addObject().put("role", "user").put("content", "ping");
        yield new Probe(HttpMethod.POST, p.baseUrl() + "/messages", Buffer.buffer(body.toString()));
      }
      case GEMINI -> {
        body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", "ping");
        body.putObject("generationConfig").put("maxOutputTokens", 1);
        yield new Probe(HttpMethod.POST, p.baseUrl() + "/v1beta/models/"
            + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":generateContent", Buffer.buffer(body.toString()));
      }
    };
  }

  String kind() {
    return body == null ? "models" : "completion";
  }

  RequestOptions options(ProviderConfig p, WireFormat format, HeaderPolicy headers, String secret, long timeoutMs) {
    MultiMap sent = headers.upstreamHeaders(MultiMap.caseInsensitiveMultiMap(), p, format, secret, true);
    if (body == null) {
      sent.remove("content-type");
    } else {
      sent.set("content-type", "application/json");
    }
    return new RequestOptions().setMethod(method).setAbsoluteURI(url).setHeaders(sent)
        .setConnectTimeout(Math.min(p.timeouts().connect().toMillis(), timeoutMs));
  }
}
