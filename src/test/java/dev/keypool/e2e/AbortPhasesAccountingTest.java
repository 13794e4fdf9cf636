package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away at each phase of a request leaves exactly one record, marked
 * {@code client_abort}: before the upstream answered (nothing served, nothing charged for output),
 * and mid-stream (what was served is estimated and marked; what the upstream already reported, such
 * as Anthropic's input tokens in {@code message_start}, is kept exactly).
 */
class AbortPhasesAccountingTest {
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + """
        prices:
          gpt-upstream: { input: 2.50, output: 10.00 }
          claude-upstream: { input: 3.00, output: 15.00 }
        """);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void abort_before_the_upstream_answers_records_no_output() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(40, 30, "late").delayed(Duration.ofSeconds(3)));
    String id = sendAndAbort("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"), null, 0);
    JsonNode r = CacheAndReasoningAccountingTest.recordOf(h, id);

    assertThat(r.path("outcome").asText()).isEqualTo("client_abort");
    assertThat(r.path("output_tokens").asLong()).isZero();
    assertThat(r.path("cost_nanos").asLong()).isEqualTo(r.path("input_tokens").asLong() * 2_500);
    assertThat(records()).isEqualTo(1);
  }

  @Test
  void openai_abort_mid_stream_estimates_what_was_served() throws Exception {
    abortMidStream("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"),
        Replies.openAiStreamWithUsage(40, 300, words(100)));
  }

  @Test
  void anthropic_abort_mid_stream_keeps_the_reported_input_and_estimates_the_output() throws Exception {
    JsonNode r = abortMidStream("/v1/messages", GatewayHarness.messageStream("claude-test"),
        Replies.anthropicStreamWithUsage(25, 300, words(100)));
    assertThat(r.path("input_tokens").asLong()).as("reported in message_start").isEqualTo(25);
  }

  /** Streams 100 words slowly, hangs up after three, and checks the record is one estimated abort. */
  JsonNode abortMidStream(String path, String body, dev.keypool.testkit.Reply reply) throws Exception {
    h.upstream.defaultReply(reply.eventDelay(Duration.ofMillis(30)));
    JsonNode r = CacheAndReasoningAccountingTest.recordOf(h, sendAndAbort(path, body, "word", 3));
    assertThat(r.path("outcome").asText()).isEqualTo("client_abort");
    assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
    assertThat(r.path("output_tokens").asLong()).as("a few words served, not the 300 the full answer had")
        .isBetween(2L, 60L);
    assertThat(records()).isEqualTo(1);
    return r;
  }

  static String[] words(int n) {
    String[] w = new String[n];
    Arrays.fill(w, "word ");
    return w;
  }

  long records() throws Exception {
    Poll.until("writer idle", Duration.ofSeconds(5), () -> h.gateway.recordWriter().pending() == 0);
    return CacheAndReasoningAccountingTest.JSON.readTree(h.adminCall("GET", "/api/requests", null).body())
        .path("items").size();
  }

  /**
   * Sends a request on a raw socket and closes it once {@code marker} was seen {@code count} times
   * in the answer (or, with a null marker, at once after sending); returns the request id, read from
   * the answer's headers or, when none arrived, from the request log.
   */
  String sendAndAbort(String path, String body, String marker, int count) throws Exception {
    return sendAndAbort(h, path, body, marker, count);
  }

  static String sendAndAbort(GatewayHarness h, String path, String body, String marker, int count) throws Exception {
    String seen = "";
    try (Socket socket = new Socket("127.0.0.1", h.gateway.proxyPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nanthropic-version: "
          + "2023-06-01\r\nAuthorization: Bearer " + GatewayHarness.CLIENT_KEY + "\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (marker == null) {
        Poll.until("the upstream received the request", Duration.ofSeconds(5), () -> !h.upstream.requests().isEmpty());
      } else {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        while (seen.split(marker, -1).length <= count) {
          int n = in.read(buf);
          assertThat(n).isPositive();
          seen += new String(buf, 0, n, StandardCharsets.UTF_8);
        }
      }
    }
    if (marker != null) {
      int at = seen.toLowerCase().indexOf("x-keypool-request-id: ") + "x-keypool-request-id: ".length();
      return seen.substring(at, seen.indexOf('\r', at));
    }
    String[] id = new String[1];
    Poll.until("the aborted request is recorded", Duration.ofSeconds(5), () -> {
      try {
        JsonNode items = CacheAndReasoningAccountingTest.JSON.readTree(
            h.adminCall("GET", "/api/requests", null).body()).path("items");
        id[0] = items.size() == 1 ? items.get(0).path("id").asText() : null;
        return id[0] != null;
      } catch (Exception e) {
        return false;
      }
    });
    return id[0];
  }
}
