package dev.keypool.usage;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Realistic upstream SSE bodies, byte for byte as the OpenAI and Anthropic APIs send them (see
 * {@code testkit/OpenAiWire} and {@code testkit/AnthropicWire}), with the usage details the fake
 * upstream leaves out: cached and reasoning tokens, cache reads and writes.
 */
final class Streams {

  /**
   * Asserts that {@code meter} counted exactly {@code text} as served: its length, and its tokens as the
   * tokenizer counts the whole text at once.
   */
  static void assertServed(StreamMeter meter, String text) {
    org.assertj.core.api.Assertions.assertThat(meter.servedChars()).as("served chars").isEqualTo(text.length());
    org.assertj.core.api.Assertions.assertThat(meter.servedTokens()).as("served tokens")
        .isEqualTo(new TokenEstimator().countText(text));
  }

  /** An OpenAI chat stream with include_usage: role chunk, two deltas (one with a 4-byte emoji), finish, usage, [DONE]. */
  static final String OPENAI_WITH_USAGE = chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", true)
      + chunk("{\"content\":\"Hello 😀\"}", "null", true)
      + ": keep-alive\n\n"
      + chunk("{\"content\":\" wörld\"}", "null", true)
      + chunk("{}", "\"stop\"", true)
      + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\","
      + "\"system_fingerprint\":null,\"choices\":[],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":300,"
      + "\"total_tokens\":1500,\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
      + "\"completion_tokens_details\":{\"reasoning_tokens\":128,\"audio_tokens\":0,"
      + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n"
      + "data: [DONE]\n\n";

  /** The same answer without include_usage: no usage field anywhere. */
  static final String OPENAI_WITHOUT_USAGE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null", false)
      + chunk("{\"content\":\"Hello 😀\"}", "null", false)
      + chunk("{\"content\":\" wörld\"}", "null", false)
      + chunk("{}", "\"stop\"", false)
      + "data: [DONE]\n\n";

  /** A streamed tool call, its arguments in three fragments. */
  static final String OPENAI_TOOL_CALL = chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
      + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null", false)
      + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]}", "null", false)
      + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\": \\\"Zürich\"}}]}", "null", false)
      + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"}\"}}]}", "null", false)
      + chunk("{}", "\"tool_calls\"", false)
      + "data: [DONE]\n\n";

  /** An Anthropic stream with CRLF line ends: cache read and write, thinking, text with an emoji, a tool use. */
  static final String ANTHROPIC_CACHED = (event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
      + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":1000,"
      + "\"cache_read_input_tokens\":2000,\"output_tokens\":1}}}")
      + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
      + event("ping", "{\"type\": \"ping\"}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think. \"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}")
      + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
      + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi 😀 \"}}")
      + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
      + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\","
          + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}")
      + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
      + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
          + "\"usage\":{\"output_tokens\":87}}")
      + event("message_stop", "{\"type\":\"message_stop\"}")).replace("\n", "\r\n");

  private Streams() {}

  static String chunk(String delta, String finishReason, boolean usageField) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\","
        + "\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
        + "\"finish_reason\":" + finishReason + "}]" + (usageField ? ",\"usage\":null" : "") + "}\n\n";
  }

  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The events of a whole body, split in one go. */
  static List<SseEvent> events(String body) {
    return new SseSplitter().feed(Buffer.buffer(utf8(body)));
  }

  /** A meter fed every event of {@code body}. */
  static <M extends StreamMeter> M metered(M meter, String body) {
    meter.acceptAll(events(body));
    return meter;
  }
}
