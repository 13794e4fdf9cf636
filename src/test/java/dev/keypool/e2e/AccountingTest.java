package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request leaves one record with the upstream's exact usage (or a marked estimate), its cost and its attempts. */
class AccountingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRICED = GatewayHarness.STANDARD + """
      prices:
        gpt-upstream: { input: 2.50, output: 10.00 }
        claude-upstream: { input: 3.00, output: 15.00, cache_read: 0.30, cache_write: 3.75 }
      billing: { sell_multiplier: 1.5 }
      """;

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(PRICED);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  JsonNode record(HttpResponse<String> response) throws Exception {
    return record(response.headers().firstValue("x-keypool-request-id").orElseThrow());
  }

  JsonNode record(String id) throws Exception {
    HttpResponse<String>[] last = new HttpResponse[1];
    Poll.until("record " + id + " written", Duration.ofSeconds(5), () -> {
      try {
        last[0] = h.adminCall("GET", "/api/requests/" + id, null);
        return last[0].statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(last[0].statusCode()).as("record %s written", id).isEqualTo(200);
    return JSON.readTree(last[0].body());
  }

  @Test
  void plain_response_is_recorded_with_the_upstream_usage_and_its_cost() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hello there", 11, 7));
    JsonNode r = record(h.post("/v1/chat/completions", chat("gpt-test")));

    assertThat(r.path("outcome").asText()).isEqualTo("success");
    assertThat(r.path("status").asInt()).isEqualTo(200);
    assertThat(r.path("model_requested").asText()).isEqualTo("gpt-test");
    assertThat(r.path("model_served").asText()).isEqualTo("gpt-upstream");
    assertThat(r.path("input_tokens").asLong()).isEqualTo(11);
    assertThat(r.path("output_tokens").asLong()).isEqualTo(7);
    assertThat(r.path("usage_source").asText()).isEqualTo("provider");
    assertThat(r.path("cost_nanos").asLong()).isEqualTo(11 * 2_500 + 7 * 10_000);
    assertThat(r.path("charged_nanos").asLong()).isEqualTo((11 * 2_500 + 7 * 10_000) * 3 / 2);
    assertThat(r.path("gateway_key_id").asText()).startsWith("gk_");
    assertThat(r.path("attempts")).hasSize(1);
    assertThat(r.toString()).doesNotContain("sk-a", "sk-b", GatewayHarness.CLIENT_KEY);
  }

  @Test
  void stream_usage_the_client_did_not_ask_for_is_still_recorded_exactly() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(40, 3, "a", "b", "c"));
    HttpResponse<String> response = h.post("/v1/chat/completions", chatStream("gpt-test"));
    assertThat(response.body()).doesNotContain("\"prompt_tokens\"");

    JsonNode r = record(response);
    assertThat(r.path("stream").asBoolean()).isTrue();
    assertThat(r.path("input_tokens").asLong()).isEqualTo(40);
    assertThat(r.path("output_tokens").asLong()).isEqualTo(3);
    assertThat(r.path("usage_source").asText()).isEqualTo("provider");
    assertThat(r.path("ttft_millis").isNumber()).isTrue();
  }

  @Test
  void anthropic_stream_usage_is_recorded_from_its_events() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(25, 9, "x", "y"));
    JsonNode r = record(h.post("/v1/messages", GatewayHarness.messageStream("claude-test")));

    assertThat(r.path("input_tokens").asLong()).isEqualTo(25);
    assertThat(r.path("output_tokens").asLong()).isEqualTo(9);
    assertThat(r.path("usage_source").asText()).isEqualTo("provider");
    assertThat(r.path("cost_nanos").asLong()).isEqualTo(25 * 3_000 + 9 * 15_000);
  }

  @Test
  void failover_is_one_record_with_every_attempt() throws Exception {
    h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(5)));
    h.upstream.script("sk-b", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(5)));
    h.upstream.defaultReply(Replies.openAiChat("x", 1, 1));
    HttpResponse<String> response = h.post("/v1/chat/completions", chat("gpt-test"));
    JsonNode r = record(response);

    assertThat(r.path("status").asInt()).isEqualTo(429);
    assertThat(r.path("outcome").asText()).isEqualTo("error");
    assertThat(r.path("error_class").asText()).isEqualTo("rate_limit");
    assertThat(r.path("attempts")).hasSize(2);
    assertThat(r.path("attempts").get(0).path("failure_class").asText()).isEqualTo("rate_limit");
    assertThat(r.path("usage_source").asText()).isEqualTo("none");
    assertThat(r.path("cost_nanos").asLong()).isZero();
  }

  @Test
  void refused_request_is_recorded_too() throws Exception {
    HttpResponse<String> response = h.postRaw("/v1/chat/completions", chat("gpt-test"), "x-api-key", "ak_" + "z".repeat(64));
    JsonNode r = record(response);
    assertThat(r.path("status").asInt()).isEqualTo(401);
    assertThat(r.path("error_class").asText()).isEqualTo("authentication");
    assertThat(r.path("gateway_key_id").isNull()).isTrue();
  }

  @Test
  void stream_cut_mid_way_is_billed_for_what_was_served_and_marked_estimated() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(40, 30, "alpha ", "beta ", "gamma ", "delta").cutAfterEvents(3));
    JsonNode r = record(h.post("/v1/chat/completions", chatStream("gpt-test")));

    assertThat(r.path("outcome").asText()).isEqualTo("error");
    assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
    assertThat(r.path("input_tokens").asLong()).isPositive();
    assertThat(r.path("output_tokens").asLong()).isPositive();
    assertThat(r.path("cost_nanos").asLong()).isPositive();
  }

  @Test
  void client_abort_is_recorded_as_such_with_an_estimate_of_what_was_served() throws Exception {
    String[] deltas = new String[100];
    java.util.Arrays.fill(deltas, "word ");
    h.upstream.defaultReply(Replies.openAiStream(deltas).eventDelay(Duration.ofMillis(30)));
    String body = chatStream("gpt-test");
    String id;
    try (Socket socket = new Socket("127.0.0.1", h.gateway.proxyPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
          + GatewayHarness.CLIENT_KEY + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      String seen = "";
      byte[] buf = new byte[4096];
      while (seen.split("word", -1).length < 4) {
        int n = in.read(buf);
        assertThat(n).isPositive();
        seen += new String(buf, 0, n, StandardCharsets.UTF_8);
      }
      int at = seen.toLowerCase().indexOf("x-keypool-request-id: ") + "x-keypool-request-id: ".length();
      id = seen.substring(at, seen.indexOf('\r', at));
    }
    JsonNode r = record(id);
    assertThat(r.path("outcome").asText()).isEqualTo("client_abort");
    assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
    assertThat(r.path("output_tokens").asLong()).isPositive();
  }

  @Test
  void request_log_lists_and_filters_and_metrics_agree() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("ok", 5, 2));
    for (int i = 0; i < 3; i++) {
      record(h.post("/v1/chat/completions", chat("gpt-test")));
    }
    record(h.post("/v1/chat/completions", chat("no-such-model")));

    JsonNode page = JSON.readTree(h.adminCall("GET", "/api/requests?model=gpt-test&limit=2", null).body());
    assertThat(page.path("items")).hasSize(2);
    assertThat(page.path("next_cursor").asText()).isNotBlank();
    JsonNode rest = JSON.readTree(h.adminCall("GET", "/api/requests?model=gpt-test&limit=2&cursor="
        + page.path("next_cursor").asText(), null).body());
    assertThat(rest.path("items")).hasSize(1);
    JsonNode errors = JSON.readTree(h.adminCall("GET", "/api/requests?status=404", null).body());
    assertThat(errors.path("items")).hasSize(1);

    String metrics = h.http.send(java.net.http.HttpRequest.newBuilder(h.admin("/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("keypool_requests_total{endpoint=\"/v1/chat/completions\",model=\"gpt-test\",outcome=\"success\",status=\"2xx\"} 3.0");
    assertThat(metrics).contains("keypool_tokens_total{kind=\"input\",model=\"gpt-test\"} 15.0");
    assertThat(metrics).contains("keypool_provider_key_state");
  }

  @Test
  void with_recording_off_requests_are_served_and_counted_but_no_record_is_written() throws Exception {
    try (GatewayHarness off = GatewayHarness.start(PRICED + "tracking: { enabled: false }\n")) {
      off.upstream.defaultReply(Replies.openAiChat("ok", 5, 2));
      for (int i = 0; i < 3; i++) {
        assertThat(off.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
      }
      assertThat(off.gateway.recordWriter().pending() + off.gateway.recordWriter().written()).isZero();
      String metrics = off.http.send(java.net.http.HttpRequest.newBuilder(off.admin("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("outcome=\"success\",status=\"2xx\"} 3.0");
    }
  }
}
