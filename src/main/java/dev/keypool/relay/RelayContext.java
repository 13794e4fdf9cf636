package dev.keypool.relay;

import dev.keypool.config.ModelRouteConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.provider.WireFormat;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the pipeline knows about one client request, as typed fields filled in by the stages
 * in order: who called, what they asked for, which route serves it, and each upstream attempt.
 * Confined to the request's event loop.
 */
public final class RelayContext {
  private final String requestId;
  private final Endpoint endpoint;
  private final WireFormat clientFormat;
  private final HttpServerRequest request;
  private final Instant startedAt;
  private final long startNanos;
  private final List<Attempt> attempts = new ArrayList<>(2);

  private GeminiCall geminiCall;
  private GatewayKey caller;
  private String callerOrgId;
  private RequestBody body;
  private ModelRouteConfig route;
  private boolean responseStarted;
  private long firstByteNanos;
  private Throwable failure;
  private ResponseMeter meter;
  private long upstreamNanos;
  private boolean clientGone;
  private Runnable onClientGone;
  private Settlement settlement;
  private String clientIp;

  public RelayContext(String requestId, Endpoint endpoint, WireFormat clientFormat, HttpServerRequest request,
      Instant startedAt, long startNanos) {
    this.requestId = requestId;
    this.endpoint = endpoint;
    this.clientFormat = clientFormat;
    this.request = request;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
  }

  public String requestId() {
    return requestId;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The wire format of the endpoint the client called; errors are answered in it. */
  public WireFormat clientFormat() {
    return clientFormat;
  }

  public HttpServerRequest request() {
    return request;
  }

  /** The client's IP address (behind trusted proxies, the one they forwarded), or null when unknown. */
  public String clientIp() {
    return clientIp;
  }

  public void clientIp(String ip) {
    this.clientIp = ip;
  }

  public HttpServerResponse response() {
    return request.response();
  }

  public Instant startedAt() {
    return startedAt;
  }

  public long startNanos() {
    return startNanos;
  }

  /** What a Gemini client's path says (model, streaming, SSE); null for the other endpoints. */
  public GeminiCall geminiCall() {
    return geminiCall;
  }

  public void geminiCall(GeminiCall call) {
    this.geminiCall = call;
  }

  public GatewayKey caller() {
    return caller;
  }

  public void caller(GatewayKey caller) {
    this.caller = caller;
  }

  /** The org that covers the caller's key (its own, else its owner's), or null. */
  public String callerOrgId() {
    return callerOrgId;
  }

  public void callerOrgId(String orgId) {
    this.callerOrgId = orgId;
  }

  public RequestBody body() {
    return body;
  }

  public void body(RequestBody body) {
    this.body = body;
  }

  public ModelRouteConfig route() {
    return route;
  }

  public void route(ModelRouteConfig route) {
    this.route = route;
  }

  public List<Attempt> attempts() {
    return attempts;
  }

  /** True once the status line went to the client: from then on nothing can be retried. */
  public boolean responseStarted() {
    return responseStarted;
  }

  public void markResponseStarted() {
    if (!responseStarted) {
      responseStarted = true;
      firstByteNanos = System.nanoTime();
    }
  }

  /** When the status line went to the client ({@link System#nanoTime()}), 0 if it has not. */
  public long firstByteNanos() {
    return firstByteNanos;
  }

  /** Time spent in upstream attempts so far; the rest of the request's time is the gateway's own. */
  public long upstreamNanos() {
    return upstreamNanos;
  }

  public void addUpstreamNanos(long nanos) {
    upstreamNanos += nanos;
  }

  /** The meter of the upstream response being relayed (the last attempt's), or null when none succeeded. */
  public ResponseMeter meter() {
    return meter;
  }

  public void meter(ResponseMeter meter) {
    this.meter = meter;
  }

  /** Why the pipeline failed (answered by {@code RespondWithError}); null when it did not. */
  public Throwable failure() {
    return failure;
  }

  public void failure(Throwable failure) {
    this.failure = failure;
  }

  /** What to settle when the request's record is built (quota reservation, balance hold), or null. */
  public Settlement settlement() {
    return settlement;
  }

  public void settlement(Settlement settlement) {
    this.settlement = settlement;
  }

  public boolean clientGone() {
    return clientGone;
  }

  /** Registers what to cancel when the client goes away (the upstream request in flight). */
  public void onClientGone(Runnable action) {
    this.onClientGone = action;
    if (clientGone && action != null) {
      action.run();
    }
  }

  /** Called when the client's connection closed before the response ended. */
  public void clientClosed() {
    if (clientGone) {
      return;
    }
    clientGone = true;
    Runnable action = onClientGone;
    if (action != null) {
      action.run();
    }
  }
}
