package dev.keypool.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server standing in for a chat service or webhook: records every POST (path with
 * query, headers, body) and answers with the scripted status and body, 503 while {@link #down}.
 */
public final class WebhookReceiver implements AutoCloseable {
  public record Received(String pathAndQuery, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  public final List<Received> received = new CopyOnWriteArrayList<>();
  public volatile boolean down;
  public volatile int status = 200;
  public volatile String answer = "ok";

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      byte[] out;
      int code;
      if (down) {
        code = 503;
        out = "unavailable".getBytes(StandardCharsets.UTF_8);
      } else {
        received.add(new Received(exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
            Map.copyOf(exchange.getRequestHeaders()), body));
        code = status;
        out = answer.getBytes(StandardCharsets.UTF_8);
      }
      exchange.sendResponseHeaders(code, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  /** A URL on this receiver, e.g. {@code url("/hook/secret-token")}. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
