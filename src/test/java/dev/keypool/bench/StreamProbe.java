package dev.keypool.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A time-to-first-event probe: opens {@code --count} streaming chat completions one after the other
 * (after {@code --warmup} unrecorded ones) and measures, for each, the time from sending the request
 * to receiving the first complete SSE event, and to the end of the stream.
 *
 * <p>Usage: {@code StreamProbe --url URL [--label name] [--count 200] [--warmup 20] [--auth TOKEN]}.
 * The last line of output is {@code RESULT label=… count=… ttfe_p50_us=… ttfe_p90_us=… ttfe_min_us=…
 * total_p50_us=… errors=…}.
 */
public final class StreamProbe {
  private static final String BODY = "{\"model\":\"bench-model\",\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";

  private StreamProbe() {}

  /** When the first event and the end of one stream arrived, in nanoseconds after sending. */
  private record Timing(long firstEventNanos, long endNanos) {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    String label = args.string("label", "target");
    int count = args.integer("count", 200);
    int warmup = args.integer("warmup", 20);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(args.string("url", "http://127.0.0.1:18081/v1/chat/completions"))
        .putHeader("content-type", "application/json").setIdleTimeout(10_000);
    String auth = args.string("auth", "");
    if (!auth.isEmpty()) {
      request.putHeader("authorization", "Bearer " + auth);
    }
    Vertx vertx = Vertx.vertx();
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true));
    List<Long> ttfe = new ArrayList<>();
    List<Long> total = new ArrayList<>();
    int errors = 0;
    try {
      for (int i = 0; i < warmup + count; i++) {
        try {
          Timing t = probe(client, request).await(15, TimeUnit.SECONDS);
          if (i >= warmup) {
            ttfe.add(t.firstEventNanos() / 1000);
            total.add(t.endNanos() / 1000);
          }
        } catch (Exception e) {
          errors++;
        }
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    Collections.sort(ttfe);
    Collections.sort(total);
    System.out.printf("%s: %d streams, time to first event ms: p50 %.3f  p90 %.3f  min %.3f; full stream p50 %.3f; errors %d%n",
        label, ttfe.size(), pct(ttfe, 50) / 1000.0, pct(ttfe, 90) / 1000.0, pct(ttfe, 0) / 1000.0,
        pct(total, 50) / 1000.0, errors);
    System.out.printf("RESULT label=%s count=%d ttfe_p50_us=%d ttfe_p90_us=%d ttfe_min_us=%d total_p50_us=%d errors=%d%n",
        label, ttfe.size(), pct(ttfe, 50), pct(ttfe, 90), pct(ttfe, 0), pct(total, 50), errors);
  }

  private static Future<Timing> probe(HttpClientAgent client, RequestOptions request) {
    Promise<Timing> done = Promise.promise();
    long start = System.nanoTime();
    long[] first = {-1};
    StringBuilder seen = new StringBuilder();
    client.request(request)
        .compose(req -> req.send(Buffer.buffer(BODY)))
        .onFailure(done::tryFail)
        .onSuccess(resp -> {
          if (resp.statusCode() != 200) {
            done.tryFail("status " + resp.statusCode());
          }
          resp.handler(chunk -> {
            if (first[0] < 0) {
              seen.append(chunk.toString());
              if (seen.indexOf("\n\n") >= 0) {
                first[0] = System.nanoTime() - start;
              }
            }
          });
          resp.exceptionHandler(done::tryFail);
          resp.endHandler(v -> {
            if (first[0] < 0) {
              done.tryFail("stream ended without an event");
            } else {
              done.tryComplete(new Timing(first[0], System.nanoTime() - start));
            }
          });
        });
    return done.future();
  }

  private static long pct(List<Long> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
