package dev.keypool.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.HeaderPolicy;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest authenticated request a provider answers: its model list, asked in the provider's format
 * with one key. OpenAI's {@code GET {base}/models}, Anthropic's {@code GET {base}/models} ({@code x-api-key},
 * {@code anthropic-version}), Gemini's {@code GET /v1beta/models} ({@code x-goog-api-key}); one page of up
 * to 1000 models. Used by the admin API's upstream model list and by {@code keypool check-upstream}.
 */
public final class ModelListCall {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WireFormats FORMATS = WireFormats.standard();

  /** One model as the upstream lists it. */
  public record Model(String id, String displayName) {}

  /** The upstream's answer, whatever its status. */
  public record Answer(int status, Buffer body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  private ModelListCall() {}

  /** The URL asked for provider {@code p}. */
  public static String url(ProviderConfig p) {
    return p.baseUrl() + switch (p.format()) {
      case OPENAI -> "/models";
      case ANTHROPIC -> "/models?limit=1000";
      case GEMINI -> "/v1beta/models?pageSize=1000";
    };
  }

  /**
   * Asks the upstream with {@code secret}; fails with {@link java.util.concurrent.TimeoutException} when
   * there is no answer within {@code timeout}, or with the connection's failure (a 407 of the outbound
   * proxy is one, see {@link ProxyRefusal}).
   */
  public static Future<Answer> send(HttpClient http, ProviderConfig p, String secret, HeaderPolicy headers,
      Duration timeout, OutboundProxy proxy) {
    MultiMap sent = headers.upstreamHeaders(MultiMap.caseInsensitiveMultiMap(), p, FORMATS.get(p.format()), secret, true);
    sent.remove("content-type");
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url(p)).setHeaders(sent)
        .setConnectTimeout(Math.min(p.timeouts().connect().toMillis(), timeout.toMillis()))
        .setProxyOptions(proxy.options(p));
    // The body is asked for in the callback that gets the response (see BalanceHttp.call).
    return http.request(options)
        .compose(request -> request.send()
            .compose(response -> response.body().compose(b -> ProxyRefusal.answered(response.statusCode())
                ? Future.failedFuture(ProxyRefusal.failure()) : Future.succeededFuture(new Answer(response.statusCode(), b)))))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The models of a 2xx answer; {@link IllegalArgumentException} saying what is wrong with it otherwise. */
  public static List<Model> models(ProviderFormat format, Buffer body) {
    JsonNode root;
    try {
      root = JSON.readTree(body.getBytes());
    } catch (Exception e) {
      throw new IllegalArgumentException("its answer is not JSON");
    }
    JsonNode list = root == null ? null : root.get(format == ProviderFormat.GEMINI ? "models" : "data");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("its answer has no model list");
    }
    List<Model> models = new ArrayList<>();
    for (JsonNode m : list) {
      String id = format == ProviderFormat.GEMINI ? m.path("name").asText("").replaceFirst("^models/", "")
          : m.path("id").asText("");
      if (id.isEmpty()) {
        continue;
      }
      String display = m.path(format == ProviderFormat.GEMINI ? "displayName" : "display_name").asText(id);
      models.add(new Model(id, display.isEmpty() ? id : display));
    }
    return List.copyOf(models);
  }
}
