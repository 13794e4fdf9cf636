package dev.keypool.metrics;

import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics: requests, upstream attempts, tokens, cost, latency, time to
 * first token, gateway overhead, in-flight requests and the state of every provider key. Meters are
 * looked up once per tag combination and cached, so recording costs a map lookup on the hot path.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final DistributionSummary overhead;
  private final MultiGauge keyStates;

  public GatewayMetrics() {
    Gauge.builder("keypool.requests.in.flight", inFlight, AtomicInteger::get)
        .description("Client requests being handled now").register(registry);
    overhead = DistributionSummary.builder("keypool.gateway.overhead")
        .description("Time the gateway itself adds to a request (total minus upstream time)")
        .baseUnit("seconds").publishPercentileHistogram().register(registry);
    keyStates = MultiGauge.builder("keypool.provider.key.state")
        .description("1 for the state each provider key is in").register(registry);
  }

  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  /** One finished client request, from its record: the request, its attempts, tokens and cost. */
  public void record(RequestRecord r) {
    String model = r.modelRequested() == null ? "unknown" : r.modelRequested();
    requestFinished(r.endpoint(), model, r.outcome(), r.status(), Duration.ofMillis(r.latencyMillis()),
        r.ttftMillis() == null ? null : Duration.ofMillis(r.ttftMillis()), Duration.ofNanos(r.overheadMicros() * 1_000));
    for (AttemptRecord a : r.attempts()) {
      attempt(a.providerId(), a.failureClass() == null ? "none" : a.failureClass());
    }
    tokens(model, "input", r.inputTokens());
    tokens(model, "output", r.outputTokens());
    tokens(model, "cache_read", r.cacheReadTokens());
    tokens(model, "cache_write", r.cacheWriteTokens());
    tokens(model, "reasoning", r.reasoningTokens());
    cost(model, r.costNanos());
  }

  private void requestFinished(String endpoint, String model, String outcome, int status, Duration latency,
      Duration ttft, Duration gatewayOverhead) {
    inFlight.decrementAndGet();
    String statusClass = (status / 100) + "xx";
    counter("keypool.requests", "Client requests by outcome",
        "endpoint", endpoint, "model", model, "outcome", outcome, "status", statusClass).increment();
    timer("keypool.request.duration", "Client request latency", "endpoint", endpoint, "model", model)
        .record(latency);
    if (ttft != null) {
      timer("keypool.time.to.first.token", "Time until the first byte of the answer reached the client",
          "endpoint", endpoint, "model", model).record(ttft);
    }
    if (gatewayOverhead != null) {
      overhead.record(gatewayOverhead.toNanos() / 1e9);
    }
  }

  /** One upstream attempt; {@code failureClass} is "none" for a success. */
  private void attempt(String provider, String failureClass) {
    counter("keypool.upstream.attempts", "Upstream attempts by result", "provider", provider,
        "failure_class", failureClass).increment();
  }

  /** Tokens of one request by kind (input, output, cache_read, cache_write, reasoning). */
  private void tokens(String model, String kind, long count) {
    if (count > 0) {
      counter("keypool.tokens", "Tokens by kind", "model", model, "kind", kind).increment(count);
    }
  }

  private void cost(String model, long costNanos) {
    if (costNanos > 0) {
      counter("keypool.cost.usd", "Upstream cost in USD", "model", model).increment(costNanos / 1e9);
    }
  }

  /** Refreshes the key-state gauge from the pool (called when metrics are scraped). */
  public void refreshKeys(KeyPool pool) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (KeySnapshot k : pool.snapshots()) {
      for (KeyState state : KeyState.values()) {
        rows.add(MultiGauge.Row.of(Tags.of("provider", k.providerId(), "key", k.name(),
            "state", state.name().toLowerCase(Locale.ROOT)), k.state() == state ? 1 : 0));
      }
    }
    keyStates.register(rows, true);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  private Counter counter(String name, String description, String... tags) {
    String key = name + '|' + String.join("|", tags);
    Counter c = counters.get(key);
    return c != null ? c : counters.computeIfAbsent(key,
        k -> Counter.builder(name).description(description).tags(tags).register(registry));
  }

  private Timer timer(String name, String description, String... tags) {
    String key = name + '|' + String.join("|", tags);
    Timer t = timers.get(key);
    return t != null ? t : timers.computeIfAbsent(key,
        k -> Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
  }
}
