package dev.keypool.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of a live view ({@code GET /api/requests/live}, {@code /api/logs/live}): reads its lines on a thread of its own; closing hangs up. */
final class LiveStream implements AutoCloseable {
  final HttpResponse<InputStream> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private LiveStream(GatewayHarness h, String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(h.admin(pathAndQuery)).GET();
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    Thread reader = new Thread(this::read, "live-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The live view of requests with {@code query} (empty, or starting with {@code ?}). */
  static LiveStream open(GatewayHarness h, String query, String token) throws Exception {
    return new LiveStream(h, "/api/requests/live" + query, token);
  }

  /** Any live view of the admin API. */
  static LiveStream at(GatewayHarness h, String pathAndQuery, String token) throws Exception {
    return new LiveStream(h, pathAndQuery, token);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // hung up
    }
  }

  /** The next line starting with {@code prefix} (the prefix removed); fails when none comes in time. */
  String next(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no '" + prefix + "' line within " + timeout);
      }
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
  }

  /** How many lines starting with {@code prefix} have arrived and not been taken. */
  long pending(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  @Override
  public void close() throws IOException {
    response.body().close();
    client.shutdownNow();
  }
}
