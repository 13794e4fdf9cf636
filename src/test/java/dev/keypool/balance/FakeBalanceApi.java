package dev.keypool.balance;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server that answers balance requests with scripted JSON per path (and optionally
 * per key), records what it was sent, and can hold answers back (to test timeouts and the concurrency
 * cap) until released.
 */
public final class FakeBalanceApi implements AutoCloseable {
  /** One scripted answer. */
  public record Answer(int status, String body) {}

  /** One request as received. */
  public record Seen(String method, String path, String query, Map<String, String> headers, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Runnable> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private volatile boolean hold;
  private volatile boolean silent;

  private FakeBalanceApi() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Map<String, String> headers = new ConcurrentHashMap<>();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      seen.add(new Seen(req.method().name(), req.path(), req.query(), headers, body.toString()));
      if (silent) {
        return; // never answers: the client's timeout must end the call
      }
      String key = headers.getOrDefault("authorization", "").replaceFirst("^Bearer ", "");
      Answer a = answers.getOrDefault(req.path() + " " + key, answers.getOrDefault(req.path(),
          new Answer(404, "{\"error\":{\"message\":\"no such path\"}}")));
      Runnable reply = () -> {
        open.decrementAndGet();
        req.response().setStatusCode(a.status()).putHeader("content-type", "application/json").end(a.body());
      };
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      if (hold) {
        held.add(reply);
      } else {
        reply.run();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public static FakeBalanceApi start() throws Exception {
    return new FakeBalanceApi();
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers {@code path} with {@code status} and {@code body}, for every key. */
  public FakeBalanceApi answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  /** Answers {@code path} for requests made with {@code key} only. */
  public FakeBalanceApi answer(String path, String key, int status, String body) {
    answers.put(path + " " + key, new Answer(status, body));
    return this;
  }

  /** Holds every answer back until {@link #release}. */
  public void hold() {
    hold = true;
  }

  /** Sends the answers held back, and answers at once from now on. */
  public void release() {
    hold = false;
    List<Runnable> now = List.copyOf(held);
    held.clear();
    now.forEach(r -> vertx.runOnContext(v -> r.run()));
  }

  /** Never answers from now on. */
  public void silent() {
    silent = true;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  public int heldCount() {
    return held.size();
  }

  /** The most requests that were waiting for an answer at once. */
  public int mostOpen() {
    return mostOpen.get();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
