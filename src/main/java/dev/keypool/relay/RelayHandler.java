package dev.keypool.relay;

import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.provider.WireFormat;
import dev.keypool.provider.WireFormats;
import dev.keypool.routing.ModelRoutes;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import dev.keypool.routing.RouteTable;

/**
 * The proxy port's request handler: dispatches by exact path (no router on the hot path), runs the
 * relay pipeline for the POST endpoints, answers {@code GET /v1/models}, and turns whatever fails into
 * an error in the called endpoint's format.
 */
public final class RelayHandler implements Handler<HttpServerRequest> {
  private final List<Stage> stages;
  private final WireFormats formats;
  private final RouteTable routes;
  private final GatewayKeyRegistry keys;
  private final Clock clock;
  private final UsageEndpoint usage;

  public RelayHandler(List<Stage> stages, WireFormats formats, RouteTable routes, GatewayKeyRegistry keys,
      Clock clock, UsageEndpoint usage) {
    this.usage = usage;
    this.stages = List.copyOf(stages);
    this.formats = formats;
    this.routes = routes;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    Endpoint endpoint = Endpoint.byPath(path);
    String requestId = newRequestId();
    if (endpoint != null) {
      WireFormat format = formats.get(endpoint.format());
      if (request.method() != HttpMethod.POST) {
        request.response().putHeader("allow", "POST");
        fail(request, format, requestId, new ApiException(ErrorKind.METHOD_NOT_ALLOWED,
            request.method() + " is not allowed on " + path + "; use POST."));
        return;
      }
      relay(request, endpoint, format, requestId);
    } else if ("/v1/models".equals(path) || path.startsWith("/v1/models/")) {
      models(request, requestId);
    } else if ("/v1/usage".equals(path)) {
      usage(request, requestId);
    } else {
      WireFormat format = formats.get(guessFormat(request));
      fail(request, format, requestId, new ApiException(ErrorKind.NOT_FOUND, "unknown_url",
          "Unknown request URL: " + request.method() + " " + path + ".", null));
    }
  }

  private void relay(HttpServerRequest request, Endpoint endpoint, WireFormat format, String requestId) {
    request.pause();
    RelayContext ctx = new RelayContext(requestId, endpoint, format, request, clock.instant(), System.nanoTime());
    request.response().closeHandler(v -> {
      if (!request.response().ended()) {
        ctx.clientClosed();
      }
    });
    new Chain(stages, 0).proceed(ctx).onComplete(ar -> {
      if (ar.failed()) {
        fail(request, format, requestId, ar.cause());
      } else if (!request.response().ended() && !ctx.clientGone() && !ctx.responseStarted()) {
        fail(request, format, requestId, new IllegalStateException("the pipeline completed without an answer"));
      }
    });
  }

  private void models(HttpServerRequest request, String requestId) {
    boolean anthropic = request.getHeader("anthropic-version") != null;
    WireFormat format = formats.get(anthropic ? ProviderFormat.ANTHROPIC : ProviderFormat.OPENAI);
    if (request.method() != HttpMethod.GET) {
      request.response().putHeader("allow", "GET");
      fail(request, format, requestId, new ApiException(ErrorKind.METHOD_NOT_ALLOWED,
          request.method() + " is not allowed on /v1/models; use GET."));
      return;
    }
    try {
      dev.keypool.relay.stage.Authenticate.require(keys, request);
    } catch (ApiException e) {
      fail(request, format, requestId, e);
      return;
    }
    ModelRoutes current = routes.current();
    Buffer body;
    if (request.path().length() > "/v1/models/".length()) {
      String id = java.net.URLDecoder.decode(request.path().substring("/v1/models/".length()), java.nio.charset.StandardCharsets.UTF_8);
      ModelRouteConfig route = current.find(id);
      if (route == null) {
        fail(request, format, requestId, new ApiException(ErrorKind.NOT_FOUND, "model_not_found",
            "The model '" + id + "' does not exist or is not served by this gateway.", null));
        return;
      }
      body = Buffer.buffer((anthropic ? ModelList.anthropicModel(route, clock.instant())
          : ModelList.openAiModel(route, clock.instant())).toString());
    } else {
      body = anthropic ? ModelList.anthropic(current, clock.instant()) : ModelList.openAi(current, clock.instant());
    }
    request.response()
        .putHeader("content-type", "application/json")
        .putHeader("x-keypool-request-id", requestId)
        .end(body);
  }

  private void usage(HttpServerRequest request, String requestId) {
    WireFormat format = formats.get(UsageEndpoint.anthropic(request) ? ProviderFormat.ANTHROPIC : ProviderFormat.OPENAI);
    if (request.method() != HttpMethod.GET) {
      request.response().putHeader("allow", "GET");
      fail(request, format, requestId, new ApiException(ErrorKind.METHOD_NOT_ALLOWED,
          request.method() + " is not allowed on /v1/usage; use GET."));
      return;
    }
    usage.answer(request).onComplete(ar -> {
      if (ar.failed()) {
        fail(request, format, requestId, ar.cause());
        return;
      }
      request.response()
          .putHeader("content-type", "application/json")
          .putHeader("x-keypool-request-id", requestId)
          .end(ar.result());
    });
  }

  private static ProviderFormat guessFormat(HttpServerRequest request) {
    return request.path().startsWith("/v1/messages") || request.getHeader("anthropic-version") != null
        ? ProviderFormat.ANTHROPIC : ProviderFormat.OPENAI;
  }

  private static void fail(HttpServerRequest request, WireFormat format, String requestId, Throwable error) {
    ErrorResponder.respond(request, format, requestId, error);
  }

  private static String newRequestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE).substring(0, 8);
  }
}
