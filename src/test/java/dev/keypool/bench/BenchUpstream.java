package dev.keypool.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.regex.Pattern;

/**
 * The benchmark's upstream: a minimal Vert.x server (one verticle per core) answering
 * {@code POST /v1/chat/completions} with a fixed small OpenAI completion, or, when the body asks
 * for {@code "stream":true}, with {@code --events} chunks spaced by {@code --event-delay-ms}
 * (the first one sent at once) followed by {@code data: [DONE]}.
 *
 * <p>Usage: {@code BenchUpstream [--host 127.0.0.1] [--port 18081] [--events 20] [--event-delay-ms 5]}.
 */
public final class BenchUpstream extends VerticleBase {
  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
  private static final Buffer COMPLETION = Buffer.buffer("""
      {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the bench upstream.",\
      "refusal":null},"logprobs":null,"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19},"system_fingerprint":null}""");
  private static final Buffer CHUNK = Buffer.buffer("data: {\"id\":\"chatcmpl-bench\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"system_fingerprint\":null,"
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final Pattern INCLUDE_USAGE = Pattern.compile("\"include_usage\"\\s*:\\s*true");
  /** OpenAI's last chunk when the request asked for {@code stream_options.include_usage}. */
  private static final Buffer USAGE = Buffer.buffer("data: {\"id\":\"chatcmpl-bench\",\"object\":"
      + "\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":20,\"total_tokens\":32}}\n\n");

  private final String host;
  private final int port;
  private final int events;
  private final long eventDelayMs;

  BenchUpstream(String host, int port, int events, long eventDelayMs) {
    this.host = host;
    this.port = port;
    this.events = events;
    this.eventDelayMs = eventDelayMs;
  }

  public static void main(String[] argv) {
    BenchArgs args = new BenchArgs(argv);
    String host = args.string("host", "127.0.0.1");
    int port = args.integer("port", 18081);
    int events = args.integer("events", 20);
    int delay = args.integer("event-delay-ms", 5);
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BenchUpstream(host, port, events, delay),
            new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.printf("bench upstream listening on http://%s:%d/v1 (%d verticles)%n",
            host, port, instances))
        .onFailure(e -> {
          System.err.println("bench upstream failed to start: " + e);
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      HttpServerResponse response = request.response();
      if (!request.path().equals("/v1/chat/completions")) {
        response.setStatusCode(404).end();
      } else if (STREAM.matcher(body.toString()).find()) {
        response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
            .putHeader("cache-control", "no-cache");
        sendChunk(response, 0, INCLUDE_USAGE.matcher(body.toString()).find());
      } else {
        response.putHeader("content-type", "application/json").end(COMPLETION);
      }
    });
  }

  private void sendChunk(HttpServerResponse response, int sent, boolean usage) {
    if (response.closed()) {
      return;
    }
    if (sent == events) {
      response.end(usage ? Buffer.buffer().appendBuffer(USAGE).appendBuffer(DONE) : DONE);
      return;
    }
    response.write(CHUNK);
    vertx.setTimer(Math.max(1, eventDelayMs), id -> sendChunk(response, sent + 1, usage));
  }
}
