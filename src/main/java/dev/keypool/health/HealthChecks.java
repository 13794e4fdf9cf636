package dev.keypool.health;

import dev.keypool.config.HealthChecksConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.FailureClass;
import dev.keypool.keypool.FailureClassifier;
import dev.keypool.keypool.KeyLease;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.keypool.RateLimitHeaders;
import dev.keypool.keypool.RateLimitUpdate;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormat;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.ClientText;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.upstream.ProxyRefusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks of provider keys: one {@link Probe} per check, on a lease from the {@link KeyPool}
 * that the verdict ends exactly as a request's would (a failing key cools down or is banned, a banned
 * key's check is its half-open probe, a timeout cools it down). A caller's fault or a model the key may
 * not use says nothing about the key: the lease is given back without a verdict. The last result of each
 * key is kept in memory, the recent ones in the {@link CheckStore}. Runs on the admin port's event loop;
 * the upstream call is bounded by the section's timeout, the database write goes through {@link Blocking}.
 */
public final class HealthChecks {
  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);
  /** How much of an upstream's message a result keeps. */
  private static final int QUOTED = 300;

  private final KeyPool pool;
  private final RouteTable routes;
  /** {@code health_checks} as in effect: a reload swaps it, so a check reads it once. */
  private final Supplier<HealthChecksConfig> config;
  private final CheckStore store;
  private final Blocking blocking;
  private final Clock clock;
  private final HttpClient http;
  private final HeaderPolicy headers;
  private final OutboundProxy proxy;
  private final WireFormats formats = WireFormats.standard();
  private final Map<String, CheckResult> last = new ConcurrentHashMap<>();
  /** Also told of every result (the metrics); must not block. */
  private volatile java.util.function.Consumer<CheckResult> observer = r -> { };

  public HealthChecks(Vertx vertx, KeyPool pool, RouteTable routes, Supplier<HealthChecksConfig> config,
      CheckStore store, HeaderPolicy headers, Blocking blocking, Clock clock, OutboundProxy proxy) {
    this.proxy = proxy;
    this.pool = pool;
    this.routes = routes;
    this.config = config;
    this.store = store;
    this.headers = headers;
    this.blocking = blocking;
    this.clock = clock;
    this.http = vertx.createHttpClient();
  }

  /** The section in effect now. */
  public HealthChecksConfig config() {
    return config.get();
  }

  /** Hands every result to {@code observer} too, on the admin port's event loop. */
  public void onResult(java.util.function.Consumer<CheckResult> observer) {
    this.observer = observer;
  }

  /** The last result of the key's checks since the start, or null. */
  public CheckResult last(String keyId) {
    return last.get(keyId);
  }

  /** Forgets a deleted key's last result. */
  public void forget(String keyId) {
    last.remove(keyId);
  }

  /**
   * Checks one key now. Fails with {@link CheckRefused} when the key is unknown or disabled, or its
   * provider is gone; any upstream failure is a result, not a failed future.
   */
  public Future<CheckResult> check(String keyId, String triggeredBy) {
    KeyLease lease = pool.checkLease(keyId);
    if (lease == null) {
      var snap = pool.snapshot(keyId);
      return Future.failedFuture(new CheckRefused(snap == null ? "Provider key '" + keyId + "' is not in the pool."
          : snap.state() == dev.keypool.keypool.KeyState.CREDENTIAL_EXPIRED
              ? "Provider key '" + keyId + "' has no live OAuth token (" + snap.stateReason() + ")."
              : "Provider key '" + keyId + "' is disabled."));
    }
    ProviderKey key = lease.key();
    ProviderConfig provider = routes.current().provider(key.providerId());
    if (provider == null) {
      lease.abandon();
      return Future.failedFuture(new CheckRefused("Provider '" + key.providerId() + "' is not configured."));
    }
    HealthChecksConfig settings = config.get();
    Probe probe = Probe.of(provider, settings.provider(provider.id()));
    WireFormat format = formats.get(provider.format());
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    long timeoutMs = settings.timeout().toMillis();
    Future<CheckResult> result = http.request(probe.options(provider, format, headers, key.secret(), timeoutMs)
            .setProxyOptions(proxy.options(provider)))
        // The body is asked for in the callback that gets the response (see BalanceHttp.call).
        .compose(request -> (probe.body() == null ? request.send() : request.send(probe.body()))
            .compose(response -> response.body().map(body -> answered(lease, format, probe, response, body, timeoutMs,
                started, startNanos, triggeredBy))))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.succeededFuture(unanswered(lease, probe, e, timeoutMs, started, startNanos, triggeredBy)));
    return result.compose(this::keep);
  }

  private CheckResult answered(KeyLease lease, WireFormat format, Probe probe, HttpClientResponse response,
      Buffer body, long timeoutMs, Instant started, long startNanos, String triggeredBy) {
    long latency = millisSince(startNanos);
    lease.observeHeaders(response.headers()::get);
    RateLimitUpdate figures = RateLimitHeaders.parse(response.headers()::get, clock.instant());
    int status = response.statusCode();
    if (ProxyRefusal.answered(status)) {
      return unanswered(lease, probe, ProxyRefusal.failure(), timeoutMs, started, startNanos, triggeredBy);
    }
    if (status / 100 == 2) {
      lease.succeed();
      return result(lease, started, triggeredBy, probe, null, status, latency, null, figures);
    }
    UpstreamError error = format.parseError(body);
    FailureClass failure = FailureClassifier.classify(status, error.type(), error.code(), error.message());
    String message = masked("upstream " + status + (error.message() == null ? "" : ": " + error.message()),
        lease.key().secret());
    if (failure == FailureClass.CALLER_FAULT || failure == FailureClass.MODEL_ACCESS) {
      lease.abandon();
    } else {
      Duration retryAfter = RateLimitHeaders.retryAfter(response.headers()::get, clock.instant());
      lease.fail(failure, status, retryAfter != null ? retryAfter : format.retryAfter(body), message);
    }
    return result(lease, started, triggeredBy, probe, failure, status, latency, message, figures);
  }

  private CheckResult unanswered(KeyLease lease, Probe probe, Throwable e, long timeoutMs, Instant started,
      long startNanos, String triggeredBy) {
    long latency = millisSince(startNanos);
    String message;
    if (e instanceof TimeoutException) {
      message = "no answer within the health check timeout of " + timeoutMs / 1000 + "s";
      lease.timedOut(message);
    } else {
      message = masked("the connection failed: " + ProxyRefusal.words(e), lease.key().secret());
      lease.fail(FailureClass.TRANSIENT, 0, null, message);
    }
    return result(lease, started, triggeredBy, probe, FailureClass.TRANSIENT, 0, latency, message, null);
  }

  private static CheckResult result(KeyLease lease, Instant started, String triggeredBy, Probe probe,
      FailureClass failure, int status, long latency, String message, RateLimitUpdate figures) {
    CheckResult.RateLimit rate = figures == null || figures.isEmpty() ? null : new CheckResult.RateLimit(
        figures.requestsLimit(), figures.requestsRemaining(), figures.requestsReset(), figures.tokensLimit(),
        figures.tokensRemaining(), figures.tokensReset());
    return new CheckResult(lease.key().id(), lease.key().providerId(), started, triggeredBy, probe.kind(),
        failure == null, failure == null ? null : failure.wireName(), status, latency, message, rate);
  }

  /** Keeps the result in memory and in the store; a store failure is logged, the result still returned. */
  private Future<CheckResult> keep(CheckResult r) {
    last.put(r.keyId(), r);
    observer.accept(r);
    return blocking.run(() -> {
      store.add(r);
      return r;
    }).recover(e -> {
      log.warn("the health check of provider key {} could not be stored: {}", r.keyId(), e.toString());
      return Future.succeededFuture(r);
    });
  }

  /** Checks every enabled key of a provider, at most the section's concurrency at once. */
  public Future<List<CheckResult>> checkAll(List<String> keyIds, String triggeredBy) {
    return Limited.run(keyIds, config.get().concurrency(), id -> check(id, triggeredBy));
  }

  /** The secret replaced by its hint, control characters replaced, at most {@link #QUOTED} characters. */
  static String masked(String message, String secret) {
    String m = secret == null || secret.isEmpty() ? message : message.replace(secret, ProviderKey.hint(secret));
    String quoted = ClientText.quoted(m, QUOTED);
    return quoted.substring(1, quoted.length() - 1);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A check that cannot run: the key is unknown or disabled, or its provider is gone. */
  public static final class CheckRefused extends RuntimeException {
    CheckRefused(String message) {
      super(message, null, false, false);
    }
  }
}
