package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden accounting of cache and reasoning tokens, with each provider's semantics: OpenAI reports
 * cached tokens inside {@code prompt_tokens} and reasoning inside {@code completion_tokens}; Anthropic
 * reports cache reads and writes in buckets apart from {@code input_tokens}. The record keeps uncached
 * input, cache read, cache write, output (reasoning included) and reasoning apart, and prices each
 * bucket at its own price.
 */
class CacheAndReasoningAccountingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + """
        prices:
          gpt-upstream: { input: 2.00, output: 8.00, cache_read: 0.50 }
          claude-upstream: { input: 3.00, output: 15.00, cache_read: 0.30, cache_write: 3.75 }
        billing: { sell_multiplier: 1.5 }
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  static final String OPENAI_USAGE = """
      {"prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300,
       "prompt_tokens_details": {"cached_tokens": 600, "audio_tokens": 0},
       "completion_tokens_details": {"reasoning_tokens": 200, "audio_tokens": 0,
         "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}""";
  /** 400 uncached x 2.00 + 600 cached x 0.50 + 300 output x 8.00 per million, in nano-USD. */
  static final long OPENAI_COST = 400 * 2_000 + 600 * 500 + 300 * 8_000;

  static final String ANTHROPIC_START_USAGE = """
      {"input_tokens": 100, "cache_creation_input_tokens": 200, "cache_read_input_tokens": 700, "output_tokens": 1}""";
  /** 100 input x 3.00 + 200 written x 3.75 + 700 read x 0.30 + 50 output x 15.00 per million. */
  static final long ANTHROPIC_COST = 100 * 3_000 + 200 * 3_750 + 700 * 300 + 50 * 15_000;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("openai json", "/v1/chat/completions", GatewayHarness.chat("gpt-test"), openAiJson(),
            new long[] {400, 600, 0, 300, 200}, OPENAI_COST),
        Arguments.of("openai stream", "/v1/chat/completions", GatewayHarness.chatStream("gpt-test"), openAiStream(),
            new long[] {400, 600, 0, 300, 200}, OPENAI_COST),
        Arguments.of("anthropic json", "/v1/messages", GatewayHarness.message("claude-test"), anthropicJson(),
            new long[] {100, 700, 200, 50, 0}, ANTHROPIC_COST),
        Arguments.of("anthropic stream", "/v1/messages", GatewayHarness.messageStream("claude-test"), anthropicStream(),
            new long[] {100, 700, 200, 50, 0}, ANTHROPIC_COST));
  }

  /** {@code expected}: uncached input, cache read, cache write, output, reasoning. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void every_bucket_is_recorded_exactly_and_priced_apart(String name, String path, String body, Reply reply,
      long[] expected, long cost) throws Exception {
    h.upstream.defaultReply(reply);
    HttpResponse<String> response = h.post(path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode r = recordOf(h, response.headers().firstValue("x-keypool-request-id").orElseThrow());

    assertThat(r.path("usage_source").asText()).isEqualTo("provider");
    assertThat(new long[] {r.path("input_tokens").asLong(), r.path("cache_read_tokens").asLong(),
        r.path("cache_write_tokens").asLong(), r.path("output_tokens").asLong(), r.path("reasoning_tokens").asLong()})
        .containsExactly(expected);
    assertThat(r.path("cost_nanos").asLong()).isEqualTo(cost);
    assertThat(r.path("charged_nanos").asLong()).isEqualTo(cost * 3 / 2);
  }

  static Reply openAiJson() {
    return Replies.raw(WireFormat.OPENAI, 200, "application/json", """
        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767607200, "model": "gpt-upstream",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}],
         "usage": %s}""".formatted(OPENAI_USAGE));
  }

  static Reply openAiStream() {
    String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1767607200,\"model\":\"gpt-upstream\",";
    return Replies.sse(WireFormat.OPENAI, List.of(
        SseEvent.data(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}"),
        SseEvent.data(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
        SseEvent.data(head + "\"choices\":[],\"usage\":" + OPENAI_USAGE.replace("\n", "") + "}"),
        SseEvent.data("[DONE]")));
  }

  static Reply anthropicJson() {
    return Replies.raw(WireFormat.ANTHROPIC, 200, "application/json", """
        {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-upstream",
         "content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn", "stop_sequence": null,
         "usage": {"input_tokens": 100, "cache_creation_input_tokens": 200, "cache_read_input_tokens": 700,
           "output_tokens": 50}}""");
  }

  static Reply anthropicStream() {
    return Replies.sse(WireFormat.ANTHROPIC, List.of(
        new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-upstream\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":" + ANTHROPIC_START_USAGE.strip() + "}}"),
        new SseEvent("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        new SseEvent("content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
        new SseEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        new SseEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":50}}"),
        new SseEvent("message_stop", "{\"type\":\"message_stop\"}")));
  }

  /** The stored record of request {@code id}, once the writer has stored it. */
  static JsonNode recordOf(GatewayHarness h, String id) throws Exception {
    String[] body = new String[1];
    Poll.until("record " + id + " written", Duration.ofSeconds(5), () -> {
      try {
        HttpResponse<String> r = h.adminCall("GET", "/api/requests/" + id, null);
        body[0] = r.body();
        return r.statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    return JSON.readTree(body[0]);
  }
}
