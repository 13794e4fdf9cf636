package dev.keypool.cli;

import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.FailureClassifier;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.ClientText;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.upstream.ModelListCall;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.upstream.ProxyRefusal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Asks the upstream's model list ({@link ModelListCall}) with each key, a few keys at a time, and says
 * for each whether the upstream was reached and took the key: {@code ok}, or the failure class the
 * gateway would give the answer ({@link FailureClassifier}), with the status, the time it took and what
 * the upstream said, any copy of the key masked.
 */
final class UpstreamCheck {
  /** Keys asked at once: enough to be quick over a large pool, few enough not to look like a burst. */
  static final int PARALLEL = 8;
  private static final int QUOTED = 200;
  private static final WireFormats FORMATS = WireFormats.standard();

  /** The outcome for one key; {@code status} is null when no HTTP answer came. */
  record Result(String provider, String name, String result, Integer status, long latencyMs, String message) {
    boolean ok() {
      return "ok".equals(result);
    }
  }

  /** A key and the provider it belongs to. */
  record Target(ProviderConfig provider, ProviderKey key) {}

  private final HttpClient http;
  private final HeaderPolicy headers;
  private final Duration timeout;
  private final OutboundProxy proxy;

  UpstreamCheck(HttpClient http, HeaderPolicy headers, Duration timeout, OutboundProxy proxy) {
    this.proxy = proxy;
    this.http = http;
    this.headers = headers;
    this.timeout = timeout;
  }

  /** Every target's result, in the targets' order. */
  Future<List<Result>> all(List<Target> targets) {
    List<Result> results = new ArrayList<>(Collections.nCopies(targets.size(), null));
    Iterator<Integer> next = java.util.stream.IntStream.range(0, targets.size()).iterator();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(PARALLEL, targets.size()); i++) {
      Promise<Void> lane = Promise.promise();
      drain(targets, results, next, lane);
      lanes.add(lane.future());
    }
    return Future.all(lanes).map(done -> List.copyOf(results));
  }

  private void drain(List<Target> targets, List<Result> results, Iterator<Integer> next, Promise<Void> lane) {
    int i;
    synchronized (next) {
      if (!next.hasNext()) {
        lane.complete();
        return;
      }
      i = next.next();
    }
    one(targets.get(i)).onComplete(r -> {
      synchronized (results) {
        results.set(i, r.result());
      }
      drain(targets, results, next, lane);
    });
  }

  /** One key's result; never fails. */
  Future<Result> one(Target t) {
    long start = System.nanoTime();
    String secret = t.key().secret();
    return ModelListCall.send(http, t.provider(), secret, headers, timeout, proxy)
        .map(answer -> judge(t, answer, millisSince(start)))
        .otherwise(e -> result(t, "transient", null, millisSince(start), e instanceof TimeoutException
            ? "no answer within " + timeout.toMillis() + " ms"
            : "the connection failed: " + ProxyRefusal.words(e)));
  }

  private Result judge(Target t, ModelListCall.Answer answer, long ms) {
    ProviderConfig p = t.provider();
    if (answer.ok()) {
      try {
        return result(t, "ok", answer.status(), ms, ModelListCall.models(p.format(), answer.body()).size() + " models listed");
      } catch (IllegalArgumentException e) {
        return result(t, "bad_response", answer.status(), ms, e.getMessage());
      }
    }
    UpstreamError error = FORMATS.get(p.format()).parseError(answer.body());
    String failure = FailureClassifier.classify(answer.status(), error.type(), error.code(), error.message()).wireName();
    return result(t, failure, answer.status(), ms, error.message() == null ? "" : error.message());
  }

  private static Result result(Target t, String result, Integer status, long ms, String message) {
    return new Result(t.provider().id(), t.key().name(), result, status, ms, mask(message, t.key().secret()));
  }

  /** {@code text} cut to a line's worth with every copy of {@code secret} reduced to its hint. */
  static String mask(String text, String secret) {
    String masked = secret == null || secret.isEmpty() ? text : text.replace(secret, ProviderKey.hint(secret));
    String quoted = ClientText.quoted(masked, QUOTED);
    return quoted.substring(1, quoted.length() - 1);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
