package dev.keypool.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens {@code --count} SSE streams at once (spread over {@code --ramp-seconds}), each on its own
 * connection, and reads every one to its end, while polling {@code --health} twice a second. Bounded
 * by {@code --seconds}. Prints {@code RESULT completed=… failed=… peak_open=… health_ok=…
 * health_failed=… health_max_ms=…}.
 *
 * <p>Usage: {@code StreamFlood --url URL --auth KEY [--count 10000] [--ramp-seconds 10] [--seconds 180]
 * [--health URL]}.
 */
public final class StreamFlood {
  // Usage asked for, as a metering client does: the figures are those of connections, not of estimation.
  private static final String BODY = "{\"model\":\"bench-model\",\"stream\":true,"
      + "\"stream_options\":{\"include_usage\":true},"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    String url = args.string("url", "http://127.0.0.1:18080/v1/chat/completions");
    String auth = args.string("auth", "");
    String health = args.string("health", "");
    int count = args.integer("count", 10_000);
    int rampMs = args.integer("ramp-seconds", 10) * 1000;
    int seconds = args.integer("seconds", 180);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
        .setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(count).setMaxWaitQueueSize(-1));
    HttpClient probe = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger healthOk = new AtomicInteger();
    AtomicInteger healthFailed = new AtomicInteger();
    AtomicLong healthMaxMs = new AtomicLong();
    AtomicLong firstError = new AtomicLong();
    CountDownLatch done = new CountDownLatch(count);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("content-type", "application/json").putHeader("authorization", "Bearer " + auth)
        .setIdleTimeout(60_000);
    for (int i = 0; i < count; i++) {
      vertx.setTimer(1 + (long) i * rampMs / count, id -> {
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        client.request(request)
            .compose(req -> req.send(Buffer.buffer(BODY)))
            .compose(resp -> resp.statusCode() == 200 ? resp.body()
                : Future.failedFuture("status " + resp.statusCode()))
            .onComplete(ar -> {
              open.decrementAndGet();
              if (ar.succeeded() && ar.result().toString().contains("[DONE]")) {
                completed.incrementAndGet();
              } else {
                if (failed.incrementAndGet() == 1) {
                  firstError.set(System.nanoTime());
                  System.err.println("first failure: " + (ar.failed() ? ar.cause() : "no [DONE]"));
                }
              }
              done.countDown();
            });
      });
    }
    if (!health.isEmpty()) {
      vertx.setPeriodic(500, id -> {
        long start = System.nanoTime();
        probe.request(new RequestOptions().setAbsoluteURI(health).setTimeout(2_000))
            .compose(req -> req.send()).compose(resp -> resp.statusCode() == 200 ? resp.body()
                : Future.failedFuture("status " + resp.statusCode()))
            .onComplete(ar -> {
              (ar.succeeded() ? healthOk : healthFailed).incrementAndGet();
              healthMaxMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            });
      });
    }
    boolean all = done.await(seconds, TimeUnit.SECONDS);
    System.out.printf("RESULT completed=%d failed=%d unfinished=%d peak_open=%d health_ok=%d health_failed=%d"
        + " health_max_ms=%d%n", completed.get(), failed.get(), all ? 0 : done.getCount(), peak.get(),
        healthOk.get(), healthFailed.get(), healthMaxMs.get());
    vertx.close().await();
    System.exit(0);
  }
}
