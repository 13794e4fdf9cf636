package dev.keypool.metrics;

import dev.keypool.balance.DaysLeft;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.routing.RouteTable;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The gateway's Prometheus metrics: requests, upstream attempts, tokens, cost, latency, time to
 * first token, gateway overhead, in-flight requests and the state of every provider key. Meters are
 * looked up once per tag combination and cached, so recording costs a map lookup on the hot path.
 * Every label value comes from a bounded set (the configuration, enums, status classes): the
 * {@code model} label is the route's id, never the name a client sent ({@link ModelLabels}).
 * The JVM's and the process's own meters (memory, garbage collection, threads, CPU, file descriptors,
 * uptime) come from Micrometer's binders; {@link #close} detaches the collector listener they hold.
 */
public final class GatewayMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
  private final Map<AttemptKey, Counter> attempts = new ConcurrentHashMap<>();
  private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder served = new LongAdder();
  /** Listens to the JVM's collection notifications until closed. */
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final DistributionSummary overhead;
  private final MultiGauge keyStates;
  private final MultiGauge keyScores;
  private final MultiGauge keyBalances;
  private final MultiGauge keyDaysLeft;
  private final ModelLabels modelLabels;
  /** Also told of every record (the alerts' failure rates); must not block. */
  private volatile Consumer<RequestRecord> observer = r -> { };

  /** @param routes the routes whose ids are the {@code model} label values ({@link ModelLabels}) */
  public GatewayMetrics(RouteTable routes) {
    this.modelLabels = new ModelLabels(routes);
    Gauge.builder("keypool.requests.in.flight", inFlight, AtomicInteger::get)
        .description("Client requests being handled now").register(registry);
    overhead = DistributionSummary.builder("keypool.gateway.overhead")
        .description("Time the gateway itself adds to a request (total minus upstream time)")
        .baseUnit("seconds").publishPercentileHistogram().register(registry);
    keyStates = MultiGauge.builder("keypool.provider.key.state")
        .description("1 for the state each provider key is in").register(registry);
    keyScores = MultiGauge.builder("keypool.provider.key.health.score")
        .description("Health score of each provider key, 0..1, from its recent outcomes").register(registry);
    keyBalances = MultiGauge.builder("keypool.provider.key.balance.usd")
        .description("Latest balance of each provider key read in US dollars").baseUnit("usd").register(registry);
    keyDaysLeft = MultiGauge.builder("keypool.provider.key.balance.days.left")
        .description("Days the balance lasts at the recorded spending, for keys spending money").register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Client requests recorded since start, whatever their outcome. */
  public long served() {
    return served.sum();
  }

  /** Client requests started and not yet recorded. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Hands every recorded request to {@code observer} too, on the event loop that finished it. */
  public void onRecord(Consumer<RequestRecord> observer) {
    this.observer = observer;
  }

  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  /** One finished client request, from its record: the request, its attempts, tokens and cost. */
  public void record(RequestRecord r) {
    try {
      count(r);
    } finally {
      // Last: a scrape that sees no request in flight sees every finished one counted.
      inFlight.decrementAndGet();
    }
  }

  private void count(RequestRecord r) {
    served.increment();
    observer.accept(r);
    String model = modelLabels.of(r);
    RequestMeters m = requests.computeIfAbsent(new RequestKey(r.endpoint(), model, r.outcome(), r.status() / 100),
        this::requestMeters);
    m.requests().increment();
    m.duration().record(r.latencyMillis(), TimeUnit.MILLISECONDS);
    if (r.ttftMillis() != null) {
      m.ttft().record(r.ttftMillis(), TimeUnit.MILLISECONDS);
    }
    overhead.record(r.overheadMicros() / 1e6);
    for (AttemptRecord a : r.attempts()) {
      attempts.computeIfAbsent(new AttemptKey(a.providerId(), a.failureClass() == null ? "none" : a.failureClass()),
          k -> Counter.builder("keypool.upstream.attempts").description("Upstream attempts by result")
              .tags("provider", String.valueOf(k.provider()), "failure_class", k.failureClass()).register(registry))
          .increment();
    }
    ModelMeters mm = models.computeIfAbsent(model, this::modelMeters);
    add(mm.input(), r.inputTokens());
    add(mm.output(), r.outputTokens());
    add(mm.cacheRead(), r.cacheReadTokens());
    add(mm.cacheWrite(), r.cacheWriteTokens());
    add(mm.reasoning(), r.reasoningTokens());
    if (r.costNanos() > 0) {
      mm.costUsd().increment(r.costNanos() / 1e9);
    }
  }

  private static void add(Counter c, long n) {
    if (n > 0) {
      c.increment(n);
    }
  }

  /** The meters of one (endpoint, model, outcome, status class), found once and then reused. */
  private record RequestKey(String endpoint, String model, String outcome, int statusHundreds) {}

  private record RequestMeters(Counter requests, Timer duration, Timer ttft) {}

  private record AttemptKey(String provider, String failureClass) {}

  private record ModelMeters(Counter input, Counter output, Counter cacheRead, Counter cacheWrite, Counter reasoning,
      Counter costUsd) {}

  private RequestMeters requestMeters(RequestKey k) {
    return new RequestMeters(
        Counter.builder("keypool.requests").description("Client requests by outcome")
            .tags("endpoint", k.endpoint(), "model", k.model(), "outcome", k.outcome(), "status", k.statusHundreds() + "xx")
            .register(registry),
        timer("keypool.request.duration", "Client request latency", k),
        timer("keypool.time.to.first.token", "Time until the first byte of the answer reached the client", k));
  }

  private Timer timer(String name, String description, RequestKey k) {
    return Timer.builder(name).description(description).tags("endpoint", k.endpoint(), "model", k.model())
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
  }

  private ModelMeters modelMeters(String model) {
    return new ModelMeters(tokens(model, "input"), tokens(model, "output"), tokens(model, "cache_read"),
        tokens(model, "cache_write"), tokens(model, "reasoning"),
        Counter.builder("keypool.cost.usd").description("Upstream cost in USD").tags("model", model).register(registry));
  }

  private Counter tokens(String model, String kind) {
    return Counter.builder("keypool.tokens").description("Tokens by kind").tags("model", model, "kind", kind)
        .register(registry);
  }

  /** Refreshes the key-state gauge from the pool (called when metrics are scraped). */
  public void refreshKeys(KeyPool pool) {
    refreshKeys(pool, null);
  }

  /**
   * Refreshes the per-key gauges (called when metrics are scraped): state and health score from the
   * pool, balance in dollars and days left from the latest readings ({@code daysLeft}, null without
   * balances); a key with no such figure has no row, rather than a misleading zero.
   */
  public void refreshKeys(KeyPool pool, DaysLeft daysLeft) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    List<MultiGauge.Row<?>> scores = new ArrayList<>();
    List<MultiGauge.Row<?>> balances = new ArrayList<>();
    List<MultiGauge.Row<?>> days = new ArrayList<>();
    for (KeySnapshot k : pool.snapshots()) {
      Tags key = Tags.of("provider", k.providerId(), "key", k.name());
      for (KeyState state : KeyState.values()) {
        rows.add(MultiGauge.Row.of(key.and("state", state.name().toLowerCase(Locale.ROOT)), k.state() == state ? 1 : 0));
      }
      scores.add(MultiGauge.Row.of(key, k.health().score()));
      DaysLeft.Estimate e = daysLeft == null ? null : daysLeft.latest(k.id());
      if (e != null) {
        balances.add(MultiGauge.Row.of(key, e.balanceUsd().doubleValue()));
        if (e.days() != null) {
          days.add(MultiGauge.Row.of(key, e.days().doubleValue()));
        }
      }
    }
    keyStates.register(rows, true);
    keyScores.register(scores, true);
    keyBalances.register(balances, true);
    keyDaysLeft.register(days, true);
  }

  /**
   * A request refused before any upstream call by a limit (its scope, kind and period) or by a prepaid
   * balance (scope {@code prepaid_balance}): bounded labels, never the key, user or address.
   */
  public void quotaRefused(String scope, String kind, String period) {
    Counter.builder("keypool.quota.refusals").description("Requests refused by a quota or a prepaid balance")
        .tags("scope", scope, "kind", kind, "period", period).register(registry).increment();
  }

  /** Counts one health check of a provider key by its outcome: {@code ok} or the failure class. */

  public void healthCheck(String provider, String keyName, String outcome) {
    Counter.builder("keypool.health.checks").description("Health checks of provider keys by outcome")
        .tags("provider", provider, "key", keyName, "outcome", outcome).register(registry).increment();
  }

  /** The Prometheus text exposition of every metric. */
  /** The registry, for parts of the gateway that keep meters of their own. */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  /** Detaches the garbage-collection listener; the registry itself holds nothing else outside it. */
  @Override
  public void close() {
    gc.close();
  }
}
