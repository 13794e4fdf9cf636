package dev.keypool.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: sends POST requests on a fixed schedule ({@code --rate} per second
 * for {@code --seconds}, after {@code --warmup} unrecorded seconds) and records each latency from
 * the request's <em>scheduled</em> send time, so a slow server cannot hide its stalls by slowing
 * the sender (no coordinated omission).
 *
 * <p>Usage: {@code RateLoad --url URL [--label name] [--rate 1000] [--seconds 10] [--warmup 2]
 * [--connections 64] [--auth TOKEN] [--body JSON]}. The last line of output is
 * {@code RESULT label=… sent=… ok=… errors=… p50_us=… p90_us=… p99_us=… p999_us=… max_us=…}.
 */
public final class RateLoad {
  static final String DEFAULT_BODY = "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";

  private RateLoad() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    String label = args.string("label", "target");
    int rate = args.integer("rate", 1000);
    int seconds = args.integer("seconds", 10);
    int warmup = args.integer("warmup", 2);
    Buffer body = Buffer.buffer(args.string("body", DEFAULT_BODY));
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(args.string("url", "http://127.0.0.1:18081/v1/chat/completions"))
        .putHeader("content-type", "application/json").setIdleTimeout(10_000);
    String auth = args.string("auth", "");
    if (!auth.isEmpty()) {
      request.putHeader("authorization", "Bearer " + auth);
    }
    Vertx vertx = Vertx.vertx();
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(args.integer("connections", 64)).setMaxWaitQueueSize(-1));
    try {
      run(client, request, body, rate, warmup, null, new Counters());
      Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
      Counters counters = new Counters();
      run(client, request, body, rate, seconds, recorder, counters);
      report(label, rate, seconds, recorder.getIntervalHistogram(), counters);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Sends {@code rate × seconds} requests on schedule, then waits (bounded) for the stragglers. */
  private static void run(HttpClientAgent client, RequestOptions request, Buffer body, int rate, int seconds,
      Recorder recorder, Counters counters) throws InterruptedException {
    long total = (long) rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (long i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait);
      }
      counters.sent.incrementAndGet();
      client.request(request)
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> resp.statusCode()))
          .onComplete(result -> {
            long micros = (System.nanoTime() - scheduled) / 1000;
            if (result.succeeded() && result.result() / 100 == 2) {
              counters.ok.incrementAndGet();
              if (recorder != null) {
                recorder.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
              }
            } else {
              counters.errors.incrementAndGet();
            }
            counters.done.incrementAndGet();
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (counters.done.get() < counters.sent.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static void report(String label, int rate, int seconds, Histogram h, Counters c) {
    long lost = c.sent.get() - c.done.get();
    System.out.printf("%s: %d req/s for %d s: sent %d, ok %d, errors %d, unfinished %d%n",
        label, rate, seconds, c.sent.get(), c.ok.get(), c.errors.get(), lost);
    System.out.printf("  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    System.out.printf("RESULT label=%s sent=%d ok=%d errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d%n",
        label, c.sent.get(), c.ok.get(), c.errors.get() + lost, h.getValueAtPercentile(50),
        h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
  }

  /** Request outcomes, updated from the event loop. */
  private static final class Counters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong done = new AtomicLong();
  }
}
