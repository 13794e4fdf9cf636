package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import dev.keypool.usage.TextMix;
import dev.keypool.usage.TokenEstimator;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage that must be estimated (a client gone mid-stream, an upstream stream without usage) costs the
 * gateway bounded work and memory however large the prompt or the answer: the request is recorded
 * with an estimate close to the real count, the in-flight gauge goes back, and other requests are
 * answered meanwhile without delay.
 */
class BoundedEstimateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TokenEstimator TOKENS = new TokenEstimator();
  /**
   * How long a request answered by the gateway alone may take while the estimate is made: generous,
   * as the test machine may be loaded, yet far below the tens of seconds a loop was blocked before.
   */
  private static final Duration PROMPT = Duration.ofSeconds(5);

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    // A stream of tens of MB may take longer than the standard total timeout on a loaded machine.
    h = GatewayHarness.start(GatewayHarness.STANDARD.replace("total: 10s", "total: 120s"));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void a_multi_megabyte_prompt_aborted_mid_stream_is_recorded_with_an_estimated_input() throws Exception {
    // Prose, code and Chinese, and an image pasted as a data URI.
    String prompt = TextMix.of(2_000_000, 11) + dataUri(11) + TextMix.of(500_000, 12);
    ObjectNode body = JSON.createObjectNode().put("model", "gpt-test").put("stream", true);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    String[] ticks = new String[200];
    Arrays.fill(ticks, "tick ");
    h.upstream.defaultReply(Replies.openAiStream(ticks).eventDelay(Duration.ofMillis(50)));

    String seen = h.streamThenDisconnect(JSON.writeValueAsString(body), "tick", 2);
    assertEveryLoopAnswers();

    JsonNode r = recordOf(requestId(seen));
    assertThat(r.path("outcome").asText()).isEqualTo("client_abort");
    assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
    assertThat(r.path("error_message").isNull()).as("no fallback: %s", r.path("error_message")).isTrue();
    assertThat(r.path("input_tokens").asLong()).isCloseTo(TOKENS.countText(prompt) + 6, Percentage.withPercentage(5));
    assertThat(r.path("output_tokens").asLong()).isBetween(1L, 100L);
    Poll.until("nothing in flight", Duration.ofSeconds(5), () -> inFlight() == 0);
  }

  @Test
  void a_long_stream_without_usage_is_recorded_with_an_estimate_close_to_the_real_count() throws Exception {
    // About 33 MB: prose, code, Chinese, and a generated image as a data URI.
    String answer = TextMix.of(10_000_000, 13) + dataUri(13) + TextMix.of(10_000_000, 14);
    List<SseEvent> events = new ArrayList<>();
    for (int i = 0; i < answer.length(); i += 2_000) {
      events.add(chunk(answer.substring(i, Math.min(answer.length(), i + 2_000)), null));
    }
    events.add(chunk(null, "stop"));
    events.add(SseEvent.data("[DONE]"));
    h.upstream.defaultReply(Replies.sse(WireFormat.OPENAI, events));

    HttpResponse<Void> response = h.http.send(java.net.http.HttpRequest.newBuilder(h.proxy("/v1/chat/completions"))
        .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(GatewayHarness.chatStream("gpt-test"))).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(200);
    assertEveryLoopAnswers();

    JsonNode r = recordOf(response.headers().firstValue("x-keypool-request-id").orElseThrow());
    assertThat(r.path("outcome").asText()).as("record %s", r).isEqualTo("success");
    assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
    assertThat(r.path("output_tokens").asLong()).isCloseTo(TOKENS.countText(answer), Percentage.withPercentage(5));
    Poll.until("nothing in flight", Duration.ofSeconds(5), () -> inFlight() == 0);
  }

  /** 64K chars without a space: given whole, the tokenizer's merge takes quadratic time on it. */
  private static String dataUri(long seed) {
    byte[] image = new byte[48 * 1024];
    new java.util.Random(seed).nextBytes(image);
    return "\n\ndata:image/png;base64," + java.util.Base64.getEncoder().encodeToString(image) + "\n\n";
  }

  private static SseEvent chunk(String content, String finish) {
    ObjectNode c = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
        .put("created", 1_700_000_000).put("model", "gpt-upstream");
    ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (content != null) {
      delta.put("content", content);
    }
    choice.put("finish_reason", finish);
    return SseEvent.data(c.toString());
  }

  /**
   * Right after the request ended (when its record is built), each event loop answers a request it
   * serves alone: new connections go round the loops, so a few cover them all.
   */
  private void assertEveryLoopAnswers() throws Exception {
    for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
      long start = System.nanoTime();
      try (Socket socket = new Socket("127.0.0.1", h.gateway.proxyPort())) {
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
            + GatewayHarness.CLIENT_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("a models call").isLessThan(PROMPT);
    }
  }

  private JsonNode recordOf(String id) throws Exception {
    return CacheAndReasoningAccountingTest.recordOf(h, id);
  }

  private static String requestId(String head) {
    int at = head.toLowerCase().indexOf("x-keypool-request-id: ") + "x-keypool-request-id: ".length();
    return head.substring(at, head.indexOf('\r', at));
  }

  private long inFlight() {
    String metrics;
    try {
      metrics = h.adminCall("GET", "/metrics", null).body();
    } catch (Exception e) {
      return -1;
    }
    return metrics.lines().filter(l -> l.startsWith("keypool_requests_in_flight"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
