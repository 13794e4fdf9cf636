package dev.keypool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamFaultsTest {
  private static FakeUpstream upstream;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  @BeforeEach
  void reset() {
    upstream.reset();
  }

  private static HttpResponse<InputStream> open(String key, String body) throws Exception {
    return TestHttp.CLIENT.send(TestHttp.post(upstream, "/chat/completions", body)
        .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Reads until EOF or an I/O error; returns what arrived and whether the read failed. */
  private static String readAll(InputStream in, boolean[] failed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      failed[0] = true;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void cut_stream_closes_the_connection_without_done() throws Exception {
    upstream.script("sk-cut", Replies.openAiStream("a", "b", "c").cutAfterEvents(2));
    boolean[] failed = {false};
    String body = readAll(open("sk-cut", "{\"stream\":true}").body(), failed);

    assertThat(failed[0]).as("premature end of a chunked body is an I/O error").isTrue();
    assertThat(SseEvent.parse(body)).hasSize(2);
    assertThat(body).doesNotContain("[DONE]");
    assertThat(upstream.cancelledStreams()).isZero();
  }

  @Test
  void cut_json_body_is_truncated() throws Exception {
    upstream.script("sk-cut", Replies.openAiChat("a fairly long answer to cut in half").cutAfterEvents(0));
    boolean[] failed = {false};
    String body = readAll(open("sk-cut", "{}").body(), failed);

    assertThat(failed[0]).isTrue();
    assertThat(body).startsWith("{").doesNotEndWith("}");
  }

  @Test
  void client_disconnect_during_a_hanging_stream_is_counted() throws Exception {
    upstream.script("sk-hang", Replies.openAiStream("a", "b").hangAfterEvents(1));
    InputStream in = open("sk-hang", "{\"stream\":true}").body();
    byte[] first = new byte[8];
    assertThat(in.read(first)).isPositive();
    in.close();

    upstream.awaitCancelledStreams(1, Duration.ofSeconds(5));
    assertThat(upstream.cancelledStreams()).isEqualTo(1);
  }

  @Test
  void completed_streams_are_not_counted_as_cancelled() {
    TestHttp.postBearer(upstream, "sk-ok", "/chat/completions", "{\"stream\":true}");
    TestHttp.postBearer(upstream, "sk-ok", "/chat/completions", "{\"stream\":true}");

    assertThat(upstream.cancelledStreams()).isZero();
  }

  @Test
  void close_without_response_fails_the_call() {
    upstream.script("sk-close", Replies.openAiChat("never").closeWithoutResponse());

    assertThatThrownBy(() -> TestHttp.postBearer(upstream, "sk-close", "/chat/completions", "{}"))
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(upstream.requestsFor("sk-close")).hasSize(1);
  }

  @Test
  void delays_hold_the_headers_and_space_the_events() {
    upstream.script("sk-slow", Replies.openAiStream("a", "b").delayed(Duration.ofMillis(150))
        .eventDelay(Duration.ofMillis(20)));
    long start = System.nanoTime();
    HttpResponse<String> response = TestHttp.postBearer(upstream, "sk-slow", "/chat/completions", "{\"stream\":true}");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    List<SseEvent> events = SseEvent.parse(response.body());
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(150 + 20L * events.size());
  }
}
