package dev.keypool.relay;

import dev.keypool.affinity.Session;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.config.RoutingConfig;
import dev.keypool.keypool.Borrow;
import dev.keypool.keypool.BorrowRequest;
import dev.keypool.keypool.FailureClass;
import dev.keypool.keypool.KeyLease;
import dev.keypool.keypool.KeyPool;
import dev.keypool.provider.WireFormat;
import dev.keypool.provider.anthropic.AnthropicBetaQuery;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.translate.Translation;
import dev.keypool.relay.translate.Translations;
import dev.keypool.routing.ModelRoutes.Target;
import dev.keypool.upstream.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The failover loop of one request: borrow a key for the current candidate, try it, and on a
 * retryable failure try the next key, moving to the route's next candidate when the current one has no
 * key left (or is overloaded or lacks the model). It stops at the route's attempt budget, at the
 * request deadline, at a failure no other key would fix, or as soon as anything reached the client.
 */
public final class RetryLoop {
  private static final Duration UNKNOWN_RECOVERY = Duration.ofSeconds(30);

  private final TimeoutSweeper sweeper;
  private final Clock clock;
  private final RelayContext ctx;
  private final List<Target> targets;
  private final KeyPool keyPool;
  private final UpstreamClients clients;
  private final WireFormats formats;
  private final Translations translations;
  private final ModelLimitCatalog limits;
  private Translation translation;
  private final HeaderPolicy headers;
  private final ModelRouteConfig route;
  private final long deadlineNanos;
  private final Set<String> triedKeys = new HashSet<>(4);
  private final Promise<Void> done = Promise.promise();
  private Session session = Session.NONE;

  private int targetIndex;
  private int attemptsLeft;
  private Outcome.Failed lastFailure;
  private Instant earliestRecovery;
  private String unavailableReason;

  public RetryLoop(TimeoutSweeper sweeper, Clock clock, RelayContext ctx, List<Target> targets, KeyPool keyPool,
      UpstreamClients clients, WireFormats formats, HeaderPolicy headers, RoutingConfig routing,
      Translations translations, ModelLimitCatalog limits) {
    this.sweeper = sweeper;
    this.limits = limits;
    this.clock = clock;
    this.ctx = ctx;
    this.targets = targets;
    this.keyPool = keyPool;
    this.clients = clients;
    this.formats = formats;
    this.translations = translations;
    this.headers = headers;
    this.route = ctx.route();
    this.attemptsLeft = route.maxAttempts();
    this.deadlineNanos = ctx.startNanos() + routing.totalTimeout().toNanos();
  }

  /** Prefers the key {@code session} is bound to, and tells it which key answered. */
  public RetryLoop session(Session session) {
    this.session = session;
    return this;
  }

  public Future<Void> run() {
    next();
    return done.future();
  }

  private void next() {
    if (ctx.clientGone()) {
      done.tryComplete();
      return;
    }
    if (attemptsLeft <= 0 || System.nanoTime() >= deadlineNanos) {
      finish();
      return;
    }
    while (targetIndex < targets.size()) {
      Target target = targets.get(targetIndex);
      Borrow borrow = keyPool.borrow(new BorrowRequest(target.provider().id(), route.id(), route.strategy(),
          route.callsPerRotation(), triedKeys, session.preferredKeyId(), target.model()));
      if (borrow instanceof Borrow.Leased leased) {
        attempt(target, leased.lease());
        return;
      }
      Borrow.Unavailable unavailable = (Borrow.Unavailable) borrow;
      unavailableReason = unavailable.reason();
      if (unavailable.retryAt() != null
          && (earliestRecovery == null || unavailable.retryAt().isBefore(earliestRecovery))) {
        earliestRecovery = unavailable.retryAt();
      }
      targetIndex++;
    }
    finish();
  }

  private void attempt(Target target, KeyLease lease) {
    attemptsLeft--;
    triedKeys.add(lease.key().id());
    WireFormat upstreamFormat = formats.get(target.provider().format());
    boolean translated = Translation.needed(ctx, target.provider());
    // The client's format headers (anthropic-version...) still apply when the format does not change.
    boolean otherFormat = target.provider().format() != ctx.endpoint().format();
    MultiMap upstreamHeaders = headers.upstreamHeaders(ctx.request().headers(), target.provider(), upstreamFormat,
        lease.key().secret(), otherFormat);
    Bridge bridge;
    try {
      // Refused here, before this attempt's upstream call, when the route rejects caps over the limit.
      OutputLimit output = OutputLimit.check(ctx.body(), route, target.model(), limits);
      bridge = translated ? translation().bridge(target, upstreamHeaders, output) : sameFormat(target, output);
      output.announce(ctx.response(), target.model());
    } catch (RuntimeException e) {
      lease.abandon();
      done.tryFail(e);
      return;
    }
    new UpstreamExchange(sweeper, clock, ctx, target.provider(), upstreamFormat, bridge, lease,
        clients.client(target.provider()), clients.address(target.provider()), upstreamHeaders, target.model(),
        deadlineNanos)
        .run()
        .onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
          } else if (ar.result() instanceof Outcome.Failed failed) {
            afterFailure(failed);
          } else {
            session.servedBy(lease.key().id());
            done.tryComplete();
          }
        });
  }

  private Bridge sameFormat(Target target, OutputLimit output) {
    // OpenAI streams report usage only when asked: ask on the client's behalf, hide it if it did not ask.
    boolean requestUsage = (ctx.endpoint() == Endpoint.CHAT_COMPLETIONS || ctx.endpoint() == Endpoint.COMPLETIONS)
        && ctx.body().stream();
    boolean sse = ctx.geminiCall() == null || ctx.geminiCall().sse();
    String path = ctx.endpoint().upstreamPath(target.model(), ctx.body().stream(), sse);
    Translation.passingThrough(ctx.response());
    if (ctx.endpoint().format() == ProviderFormat.ANTHROPIC) {
      path += AnthropicBetaQuery.forUpstream(ctx.request().query());
    }
    return new SameFormatBridge(ctx.endpoint(), path, ctx.body().forUpstream(target.model(), requestUsage,
        output.clampTo()), requestUsage && !ctx.body().clientAskedForUsage());
  }

  /** The request's translation, read from the client's body on the first cross-format attempt. */
  private Translation translation() {
    if (translation == null) {
      translation = translations.start(ctx);
    }
    return translation;
  }

  private void afterFailure(Outcome.Failed failed) {
    lastFailure = failed;
    if (!failed.failure().retryable()) {
      finish();
      return;
    }
    boolean providerWide = failed.failure() == FailureClass.OVERLOADED || failed.failure() == FailureClass.MODEL_ACCESS;
    if (providerWide && targetIndex + 1 < targets.size()) {
      targetIndex++;
    }
    next();
  }

  /**
   * Answers with Keypool's own error when no upstream answered or when the pool's keys are what failed
   * ({@link UpstreamKeysFailed}), otherwise with the last upstream error as the bridge made it.
   */
  private void finish() {
    if (ctx.clientGone()) {
      done.tryComplete();
      return;
    }
    Outcome.Failed last = lastFailure;
    if (last == null) {
      Duration wait = earliestRecovery == null ? UNKNOWN_RECOVERY
          : Duration.between(clock.instant(), earliestRecovery);
      done.tryFail(new ApiException(ErrorKind.UNAVAILABLE, "no_available_key",
          "No upstream key is available for model " + ModelName.quoted(route.id()) + " right now"
              + (unavailableReason == null ? "" : " (" + unavailableReason + ")") + ". Retry later.",
          wait.isNegative() ? Duration.ZERO : wait));
      return;
    }
    if (UpstreamKeysFailed.applies(last.failure())) {
      // Answered here rather than failed, so that the record keeps the upstream failure class.
      ErrorResponder.respond(ctx.request(), ctx.clientFormat(), ctx.requestId(),
          UpstreamKeysFailed.error(route.id(), last.failure(), ctx.attempts()));
      done.tryComplete();
      return;
    }
    if (last.body() != null && ctx.response().headWritten()) {
      // A fake stream's keep-alives already sent the status: the error goes as a stream error event.
      done.tryFail(new ApiException(ErrorKind.BAD_GATEWAY, "upstream_error", last.message(), null));
      return;
    }
    if (last.body() != null) {
      HttpServerResponse response = ctx.response();
      response.setStatusCode(last.status());
      ResponseHeaders.copy(last.headers(), response, ctx.requestId());
      ctx.markResponseStarted();
      response.end(last.body());
      done.tryComplete();
      return;
    }
    if (last.failure() == FailureClass.BAD_RESPONSE) {
      done.tryFail(new ApiException(ErrorKind.BAD_GATEWAY, "bad_upstream_response",
          "The upstream's answer could not be read: " + last.message(), null));
      return;
    }
    ErrorKind kind = last.timedOut() ? ErrorKind.TIMEOUT : ErrorKind.BAD_GATEWAY;
    done.tryFail(new ApiException(kind, "upstream_unreachable",
        "No upstream answered for model " + ModelName.quoted(route.id()) + ": " + last.message() + ".", null));
  }
}
