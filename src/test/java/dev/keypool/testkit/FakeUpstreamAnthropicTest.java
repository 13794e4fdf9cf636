package dev.keypool.testkit;

import static dev.keypool.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamAnthropicTest {
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

  private static HttpResponse<String> post(String key, String path, String body) {
    return TestHttp.send(TestHttp.post(upstream, path, body)
        .header("x-api-key", key).header("anthropic-version", "2023-06-01"));
  }

  @Test
  void default_message_echoes_the_model() {
    JsonNode body = json(post("sk-ant", "/messages", "{\"model\":\"claude-x\",\"max_tokens\":10}").body());

    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.path("id").asText()).startsWith("msg_");
    assertThat(body.path("model").asText()).isEqualTo("claude-x");
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(body.at("/content/0/text").asText()).isEqualTo(Replies.ECHO_TEXT);
    assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.at("/usage/input_tokens").asInt()).isPositive();
    assertThat(upstream.requests().getFirst().key()).isEqualTo("sk-ant");
  }

  @Test
  void stream_follows_the_named_event_sequence() {
    upstream.script("sk-ant", Replies.anthropicStreamWithUsage(11, 2, "Hel", "lo"));
    List<SseEvent> events = SseEvent.parse(post("sk-ant", "/messages", "{\"model\":\"c\",\"stream\":true}").body());

    assertThat(events).extracting(SseEvent::event).containsExactly(
        "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop");
    assertThat(events).allSatisfy(e -> assertThat(json(e.data()).path("type").asText()).isEqualTo(e.event()));
    assertThat(json(events.get(0).data()).at("/message/usage/input_tokens").asInt()).isEqualTo(11);
    assertThat(json(events.get(3).data()).at("/delta/type").asText()).isEqualTo("text_delta");
    assertThat(json(events.get(4).data()).at("/delta/text").asText()).isEqualTo("lo");
    JsonNode messageDelta = json(events.get(6).data());
    assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void streamed_tool_use_sends_input_json_delta_fragments() {
    String input = "{\"location\":\"San Francisco\",\"unit\":\"c\"}";
    upstream.script("sk-ant", Replies.anthropicToolUseStream("get_weather", input));
    List<SseEvent> events = SseEvent.parse(post("sk-ant", "/messages", "{\"stream\":true}").body());

    assertThat(json(events.get(1).data()).at("/content_block/type").asText()).isEqualTo("tool_use");
    assertThat(json(events.get(1).data()).at("/content_block/name").asText()).isEqualTo("get_weather");
    List<JsonNode> deltas = events.stream().filter(e -> e.event().equals("content_block_delta"))
        .map(e -> json(e.data()).path("delta")).toList();
    assertThat(deltas).hasSizeGreaterThan(2)
        .allSatisfy(d -> assertThat(d.path("type").asText()).isEqualTo("input_json_delta"));
    assertThat(deltas.stream().map(d -> d.path("partial_json").asText()).reduce("", String::concat)).isEqualTo(input);
    assertThat(json(events.get(events.size() - 2).data()).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void non_streamed_tool_use() {
    upstream.script("sk-ant", Replies.anthropicToolUse("f", "{\"a\":[1,2]}"));
    JsonNode body = json(post("sk-ant", "/messages", "{}").body());

    assertThat(body.at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(body.at("/content/0/id").asText()).startsWith("toolu_");
    assertThat(body.at("/content/0/input/a/1").asInt()).isEqualTo(2);
    assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void count_tokens_answers_input_tokens_only() {
    JsonNode body = json(post("sk-ant", "/messages/count_tokens", "{\"model\":\"c\",\"messages\":[]}").body());

    assertThat(body.size()).isEqualTo(1);
    assertThat(body.path("input_tokens").asInt()).isPositive();
  }

  @Test
  void errors_and_rate_limits_follow_the_anthropic_format() {
    upstream.script("sk-ant",
        Replies.anthropicOverloaded(),
        Replies.rateLimited(WireFormat.ANTHROPIC, Duration.ofSeconds(30)).withRateLimit(50, 0, Duration.ofSeconds(30)));

    HttpResponse<String> overloaded = post("sk-ant", "/messages", "{}");
    HttpResponse<String> limited = post("sk-ant", "/messages", "{}");

    assertThat(overloaded.statusCode()).isEqualTo(529);
    JsonNode error = json(overloaded.body());
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("30");
    assertThat(json(limited.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-limit")).hasValue("50");
    assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow()).endsWith("Z");
  }
}
