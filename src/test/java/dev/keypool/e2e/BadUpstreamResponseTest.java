package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.chatStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.usage.SseSplitter;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream 200 whose body is not the format's answer (an HTML page from a proxy, truncated JSON,
 * JSON that is not an object, JSON where a stream was asked for) is an upstream fault: recorded as
 * {@code bad_response}, counted against the key, and, as nothing reached the client yet, retried on
 * the next key. Key a is preferred (priority strategy), so it is the one that answers badly.
 */
class BadUpstreamResponseTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** {@link FailoverTest#PREFER_A} (OpenAI keys a, b) plus Anthropic keys ant-a, ant-b, also a first; looser timeouts. */
  static final String PREFER_A = FailoverTest.PREFER_A.replace("\nmodels:\n", "\n" + """
        - id: anthropic
          format: anthropic
          base_url: UPSTREAM
          keys:
            - { name: ant-a, secret: ant-a, priority: 10 }
            - { name: ant-b, secret: ant-b, priority: 0 }
      models:
        - { id: cross-test, strategy: priority, candidates: [ { provider: anthropic, model: claude-upstream } ] }
      """).replace("first_byte: 1s, idle: 1s", "first_byte: 5s, idle: 5s"); // a busy machine is no bad answer

  static final Reply HTML = Replies.raw(WireFormat.OPENAI, 200, "text/html; charset=utf-8",
      "<!DOCTYPE html><html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>");

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void an_html_page_fails_over_to_the_next_key_and_counts_against_the_first() throws Exception {
    assertFailsOver(HTML, "not JSON");
  }

  @Test
  void truncated_json_fails_over_to_the_next_key() throws Exception {
    assertFailsOver(Replies.raw(WireFormat.OPENAI, 200, "application/json",
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\""),
        "truncated JSON");
  }

  @Test
  void json_that_is_not_an_object_fails_over_to_the_next_key() throws Exception {
    assertFailsOver(Replies.raw(WireFormat.OPENAI, 200, "application/json", "[\"not\",\"a\",\"completion\"]"),
        "JSON that is not an object");
  }

  @Test
  void a_json_body_where_a_stream_was_asked_for_fails_over_to_the_next_key() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", Replies.openAiChat("not a stream"));

    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data: [DONE]").doesNotContain("not a stream");
    JsonNode attempts = h.record(r).path("attempts");
    assertThat(attempts.get(0).path("failure_class").asText()).isEqualTo("bad_response");
    assertThat(attempts.get(0).path("message").asText()).contains("where an event stream was asked for");
    assertThat(failures("a")).isEqualTo(1);
  }

  @Test
  void a_translated_answer_that_is_not_json_fails_over_to_the_next_key() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("ant-a", HTML);

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("cross-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("chat.completion");
    JsonNode record = h.record(r);
    assertThat(record.path("outcome").asText()).isEqualTo("success");
    assertThat(record.path("attempts").get(0).path("failure_class").asText()).isEqualTo("bad_response");
    assertThat(failures("ant-a")).isEqualTo(1);
    assertThat(failures("ant-b")).isZero();
  }

  @Test
  void when_every_key_answers_badly_the_client_gets_a_502_in_its_error_shape_not_the_page() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.defaultReply(HTML);

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).doesNotContain("<html>");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("bad_upstream_response");
    JsonNode record = h.record(r);
    assertThat(record.path("outcome").asText()).isEqualTo("error");
    assertThat(record.path("attempts")).hasSize(2);
    assertThat(failures("a")).isEqualTo(1);
    assertThat(failures("b")).isEqualTo(1);
  }

  @Test
  void a_streamed_json_array_cut_short_is_passed_through_but_recorded_against_the_key() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
    // Google's streamed JSON array (no alt=sse) flows to the client as it comes: its end is judged late.
    h.upstream.defaultReply(Replies.raw(WireFormat.GEMINI, 200, "application/json",
        "[{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]}}]}"));

    HttpResponse<String> r = h.post("/v1beta/models/gemini-test:streamGenerateContent",
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("[{");
    JsonNode record = h.record(r);
    assertThat(record.path("outcome").asText()).isEqualTo("error");
    assertThat(record.path("error_class").asText()).isEqualTo("bad_response");
    assertThat(record.path("attempts")).hasSize(1);
    assertThat(record.path("attempts").get(0).path("message").asText()).contains("truncated JSON");
    long failures = 0;
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      failures += k.path("live").path("total_failures").asLong();
    }
    assertThat(failures).isEqualTo(1);
  }

  @Test
  void an_event_that_never_ends_is_given_up_at_its_bound_and_fails_over() throws Exception {
    h = GatewayHarness.start(PREFER_A);
    // One event past the splitter's bound and no blank line: without the bound it would all be held.
    h.upstream.script("ant-a", Replies.raw(WireFormat.ANTHROPIC, 200, "text/event-stream",
        "event: content_block_delta\ndata: {\"text\":\"" + "x".repeat(SseSplitter.MAX_EVENT_BYTES + 1024)));

    HttpResponse<String> r = h.post("/v1/chat/completions", chatStream("cross-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data: [DONE]");
    JsonNode first = h.record(r).path("attempts").get(0);
    assertThat(first.path("failure_class").asText()).as(first.toString()).isEqualTo("bad_response");
    assertThat(first.path("message").asText()).contains("an event larger than");
    assertThat(failures("ant-a")).isEqualTo(1);
  }

  /** Key a answers {@code bad}; the client gets key b's answer; the record and key a tell why. */
  private void assertFailsOver(Reply bad, String defect) throws Exception {
    h = GatewayHarness.start(PREFER_A);
    h.upstream.script("sk-a", bad);

    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("object").asText()).isEqualTo("chat.completion");
    assertThat(h.upstream.requestsFor("sk-a")).hasSize(1);
    assertThat(h.upstream.requestsFor("sk-b")).hasSize(1);
    JsonNode record = h.record(r);
    assertThat(record.path("outcome").asText()).isEqualTo("success");
    JsonNode first = record.path("attempts").get(0);
    assertThat(first.path("failure_class").asText()).as(first.toString()).isEqualTo("bad_response");
    assertThat(first.path("status").asInt()).isEqualTo(200);
    assertThat(first.path("message").asText()).contains(defect);
    assertThat(record.path("attempts")).hasSize(2);
    assertThat(record.path("attempts").get(1).path("failure_class").textValue()).isNull();
    assertThat(failures("a")).isEqualTo(1);
    assertThat(failures("b")).isZero();
  }

  /** The key's failure count as the admin API shows it. */
  private long failures(String name) throws Exception {
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      if (k.path("name").asText().equals(name)) {
        return k.path("live").path("total_failures").asLong();
      }
    }
    throw new AssertionError("no key " + name);
  }
}
