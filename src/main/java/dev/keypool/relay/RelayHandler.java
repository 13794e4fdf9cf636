package dev.keypool.relay;

import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.provider.WireFormat;
import dev.keypool.provider.WireFormats;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.tracking.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import dev.keypool.routing.RouteTable;

/**
 * The proxy port's request handler: dispatches by exact path (no router on the hot path), runs the
 * relay pipeline for the POST endpoints, answers {@code GET /v1/models} and the load balancers' probes
 * ({@link OpenPaths}), and turns whatever fails into an error in the called endpoint's format.
 */
public final class RelayHandler implements Handler<HttpServerRequest> {
  /** How much of a client's path an error message quotes. */
  private static final int QUOTED_PATH = 200;
  private final List<Stage> stages;
  private final WireFormats formats;
  private final RouteTable routes;
  private final CallerCheck callers;
  private final Clock clock;
  private final UsageEndpoint usage;
  private final OpenPaths open;
  private final ModelLimitCatalog limits;

  /** @param limits the model limits shown in the Anthropic shape of {@code /v1/models} */
  public RelayHandler(List<Stage> stages, WireFormats formats, RouteTable routes, CallerCheck callers,
      Clock clock, UsageEndpoint usage, OpenPaths open, ModelLimitCatalog limits) {
    this.limits = limits;
    this.usage = usage;
    this.open = open;
    this.stages = List.copyOf(stages);
    this.formats = formats;
    this.routes = routes;
    this.callers = callers;
    this.clock = clock;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    Endpoint endpoint = Endpoint.byPath(path);
    // Probes need no request id, no credential and no record: answered before any of them.
    if (endpoint == null && open.answer(request, path)) {
      return;
    }
    GeminiCall gemini = null;
    if (endpoint == null && path.indexOf(':') > 0) {
      gemini = GeminiCall.parse(path, request.getParam("alt"));
      endpoint = gemini == null ? null : gemini.endpoint();
    }
    // The id carries the start time, to the millisecond the record stores: the log finds it by both.
    Instant started = Instant.ofEpochMilli(clock.millis());
    String requestId = RequestIds.next(started.toEpochMilli());
    if (endpoint != null) {
      WireFormat format = formats.get(endpoint.format());
      if (request.method() != HttpMethod.POST) {
        request.response().putHeader("allow", "POST");
        fail(request, format, requestId, new ApiException(ErrorKind.METHOD_NOT_ALLOWED,
            request.method() + " is not allowed on " + ClientText.quoted(path, QUOTED_PATH) + "; use POST."));
        return;
      }
      relay(request, endpoint, gemini, format, requestId, started);
    } else if ("/v1/models".equals(path) || path.startsWith("/v1/models/")) {
      models(request, requestId);
    } else if ("/v1/usage".equals(path)) {
      usage(request, requestId);
    } else {
      WireFormat format = formats.get(guessFormat(request));
      fail(request, format, requestId, new ApiException(ErrorKind.NOT_FOUND, "unknown_url",
          "Unknown request URL: " + request.method() + " " + ClientText.quoted(path, QUOTED_PATH) + ".", null));
    }
  }

  private void relay(HttpServerRequest request, Endpoint endpoint, GeminiCall gemini, WireFormat format,
      String requestId, Instant started) {
    request.pause();
    RelayContext ctx = new RelayContext(requestId, endpoint, format, request, started, System.nanoTime());
    ctx.geminiCall(gemini);
    ctx.clientIp(callers.clientIp(request));
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
    GatewayKey caller;
    try {
      caller = callers.admit(request, Permission.READ);
    } catch (ApiException e) {
      fail(request, format, requestId, e);
      return;
    }
    ModelRoutes current = routes.current();
    Buffer body;
    if (request.path().length() > "/v1/models/".length()) {
      String id = modelId(request.path());
      ModelRouteConfig route = current.find(id);
      if (route == null || !visible(caller, route)) {
        fail(request, format, requestId, new ApiException(ErrorKind.NOT_FOUND, "model_not_found",
            "The model " + ModelName.quoted(id) + " does not exist or is not served by this gateway.", null));
        return;
      }
      body = Buffer.buffer((anthropic ? ModelList.anthropicModel(route, clock.instant(), limits)
          : ModelList.openAiModel(route, clock.instant())).toString());
    } else {
      List<ModelRouteConfig> shown = current.listed().stream().filter(r -> visible(caller, r)).toList();
      body = anthropic ? ModelList.anthropic(shown, clock.instant(), limits) : ModelList.openAi(shown, clock.instant());
    }
    request.response()
        .putHeader("content-type", "application/json")
        .putHeader("x-keypool-request-id", requestId)
        .end(body);
  }

  /** The model id of {@code /v1/models/{id}}, decoded; a malformed escape is kept as written (and not found). */
  private static String modelId(String path) {
    String raw = path.substring("/v1/models/".length());
    try {
      return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  /** Whether a key may use a route at all: the model within its patterns, and some candidate's provider allowed. */
  private static boolean visible(GatewayKey caller, ModelRouteConfig route) {
    return caller.scopes().models().allows(route.id())
        && route.candidates().stream().anyMatch(c -> caller.scopes().allowsProvider(c.provider()));
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
    return guessFormat(request.path(), request.getHeader("anthropic-version"));
  }

  /**
   * The format of the endpoint a path belongs to, also for paths that are not endpoints (or only the
   * start of one, as far as it arrived), so every error of the proxy port has a shape its client reads.
   */
  public static ProviderFormat guessFormat(String path, String anthropicVersion) {
    if (GeminiCall.isGeminiPath(path)) {
      return ProviderFormat.GEMINI;
    }
    return path.startsWith("/v1/messages") || anthropicVersion != null ? ProviderFormat.ANTHROPIC : ProviderFormat.OPENAI;
  }

  private static void fail(HttpServerRequest request, WireFormat format, String requestId, Throwable error) {
    ErrorResponder.respond(request, format, requestId, error);
  }
}
