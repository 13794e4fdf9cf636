package dev.keypool.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process fake of the OpenAI and Anthropic APIs for end-to-end tests: a Vert.x HTTP server on
 * 127.0.0.1 and a free port, answering from per-credential scripts and recording every request.
 *
 * <p>It serves {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings},
 * {@code /v1/responses} (OpenAI's Responses API, JSON and named-event SSE), {@code /v1/messages},
 * {@code /v1/messages/count_tokens} and Gemini's {@code /v1beta/models/<model>:generateContent} and
 * {@code :streamGenerateContent} (configure a Gemini provider with {@link #rootUrl()}), and the model
 * lists of the three formats ({@link ModelLists}); any other path
 * gets an OpenAI-style 404. The credential of a request is the {@code Authorization: Bearer X} token,
 * the {@code x-api-key} or {@code x-goog-api-key} value, or the {@code key} query parameter.
 *
 * <pre>{@code
 * try (FakeUpstream upstream = FakeUpstream.start()) {
 *   upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(2)), Replies.openAiChat("hi"));
 *   // configure a provider with base_url = upstream.baseUrl() and key sk-a, call the gateway ...
 *   assertThat(upstream.requestsFor("sk-a")).hasSize(2);
 * }
 * }</pre>
 */
public final class FakeUpstream implements AutoCloseable {
  private static final List<String> PATHS =
      List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses", "/v1/messages",
          "/v1/messages/count_tokens");

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;
  private final ReplyWriter writer;
  private final Map<String, ReplyScript> scripts = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Reply defaultReply = Replies.echo();
  private volatile int modelListStatus = 200;
  private final Map<String, Integer> modelListStatusByKey = new ConcurrentHashMap<>();

  private FakeUpstream(Vertx vertx, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.writer = new ReplyWriter(vertx);
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(this::handle);
    join(server.listen());
  }

  /** Starts a fake upstream on its own Vert.x instance, closed with it. */
  public static FakeUpstream start() {
    return new FakeUpstream(Vertx.vertx(), true);
  }

  /** Starts a fake upstream on the given Vert.x instance, which stays open after {@link #close}. */
  public static FakeUpstream start(Vertx vertx) {
    return new FakeUpstream(vertx, false);
  }

  /** The base URL to configure providers with: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** The base URL of a Gemini provider: {@code http://127.0.0.1:PORT} (Gemini paths carry their version). */
  public String rootUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.actualPort();
  }

  /** Scripts the replies to requests made with this credential: in order, the last one repeating. */
  public FakeUpstream script(String key, Reply... replies) {
    scripts.put(key, new ReplyScript(List.of(replies)));
    return this;
  }

  /** The reply to requests whose credential has no script (initially {@link Replies#echo()}). */
  public FakeUpstream defaultReply(Reply reply) {
    this.defaultReply = reply;
    return this;
  }

  /**
   * The status of the model lists ({@code GET /v1/models}, {@code GET /v1beta/models}): 200 (the
   * default) lists {@link ModelLists#MODELS}; any other answers with an error in the format's shape.
   */
  public FakeUpstream modelListStatus(int status) {
    this.modelListStatus = status;
    return this;
  }

  /** The status of the model lists asked with this credential, whatever {@link #modelListStatus(int)} says. */
  public FakeUpstream modelListStatus(String key, int status) {
    modelListStatusByKey.put(key, status);
    return this;
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests received with this credential. */
  public List<RecordedRequest> requestsFor(String key) {
    return requests.stream().filter(r -> key.equals(r.key())).toList();
  }

  /** Waits until at least {@code n} requests arrived and returns them; fails after {@code max}. */
  public List<RecordedRequest> awaitRequests(int n, Duration max) {
    awaitCondition(() -> requests.size() >= n, max,
        () -> "expected " + n + " requests, got " + requests.size());
    return requests();
  }

  /** Streaming responses whose connection the client closed before the stream ended. */
  public int cancelledStreams() {
    return writer.cancelledStreams();
  }

  /** Bytes of stream events written to the gateway so far, at most a write queue ahead of what it read. */
  public long streamedBytes() {
    return writer.streamedBytes();
  }

  /** Waits until at least {@code n} streams were cancelled by the client; fails after {@code max}. */
  public void awaitCancelledStreams(int n, Duration max) {
    awaitCondition(() -> cancelledStreams() >= n, max,
        () -> "expected " + n + " cancelled streams, got " + cancelledStreams());
  }

  /** Forgets scripts, the default reply, recorded requests and counters. */
  public void reset() {
    scripts.clear();
    modelListStatusByKey.clear();
    defaultReply = Replies.echo();
    requests.clear();
    writer.resetCounters();
  }

  @Override
  public void close() {
    writer.stopping();
    join(server.close());
    if (ownsVertx) {
      join(vertx.close());
    }
  }

  private void handle(HttpServerRequest request) {
    Instant receivedAt = Instant.now();
    request.body().onSuccess(body -> {
      RecordedRequest recorded = record(request, body, receivedAt);
      requests.add(recorded);
      if ("GET".equals(recorded.method()) && ModelLists.answers(recorded)) {
        ModelLists.write(request, recorded, recorded.key() == null ? modelListStatus
            : modelListStatusByKey.getOrDefault(recorded.key(), modelListStatus));
        return;
      }
      Reply reply;
      if (!"POST".equals(recorded.method()) || !PATHS.contains(recorded.path()) && !recorded.gemini()) {
        reply = Replies.echo();
      } else {
        ReplyScript script = recorded.key() == null ? null : scripts.get(recorded.key());
        reply = script == null ? defaultReply : script.next();
      }
      writer.write(request, reply.resolve(recorded));
    });
  }

  private static RecordedRequest record(HttpServerRequest request, Buffer body, Instant receivedAt) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
    headers.replaceAll((k, v) -> List.copyOf(v));
    return new RecordedRequest(request.method().name(), request.path(), request.query(),
        java.util.Collections.unmodifiableMap(headers), body.getBytes(), credential(request), receivedAt);
  }

  private static String credential(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    String key = request.getHeader("x-api-key");
    if (key == null) {
      key = request.getHeader("x-goog-api-key");
    }
    return key != null ? key : request.getParam("key");
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration max,
      java.util.function.Supplier<String> failure) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure.get() + " within " + max);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
