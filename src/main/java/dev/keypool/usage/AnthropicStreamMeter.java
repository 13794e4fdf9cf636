package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@link StreamMeter} of an Anthropic Messages stream. {@code message_start} carries
 * {@code message.usage} with the input buckets ({@code input_tokens}, {@code cache_read_input_tokens},
 * {@code cache_creation_input_tokens}, already disjoint) and a first {@code output_tokens};
 * {@code message_delta} carries {@code usage.output_tokens}, cumulative, and may repeat the input
 * buckets, also cumulative. So each number is replaced, never added: the last report wins.
 *
 * <p>Until {@code message_delta} arrives the output count is {@code message_start}'s placeholder; a
 * stream that ends before it is not {@link #complete()}. Anthropic does not report thinking tokens
 * separately, so {@code reasoningTokens} stays 0. Served text: {@code text_delta},
 * {@code input_json_delta} and {@code thinking_delta} contents.
 */
public final class AnthropicStreamMeter extends ReportedUsageMeter {
  private long input;
  private long output;
  private long cacheRead;
  private long cacheWrite;

  @Override
  public void accept(SseEvent event) {
    if (event.data() == null) {
      return;
    }
    JsonNode data = UsageJson.object(event.data());
    if (data == null) {
      return;
    }
    switch (data.path("type").asText("")) {
      case "message_start" -> report(data.path("message").get("usage"));
      case "message_delta" -> report(data.get("usage"));
      case "content_block_delta" -> appendDelta(data.get("delta"));
      case "message_stop" -> complete = true;
      default -> { }
    }
  }

  private void report(JsonNode reported) {
    if (reported == null || !reported.isObject()) {
      return;
    }
    input = UsageJson.count(reported, "input_tokens", input);
    output = UsageJson.count(reported, "output_tokens", output);
    cacheRead = UsageJson.count(reported, "cache_read_input_tokens", cacheRead);
    cacheWrite = UsageJson.count(reported, "cache_creation_input_tokens", cacheWrite);
    // Each event may report some buckets only: the usage so far is the buckets' latest values.
    usage = new Usage(input, output, cacheRead, cacheWrite, 0);
  }

  private void appendDelta(JsonNode delta) {
    if (delta == null) {
      return;
    }
    switch (delta.path("type").asText("")) {
      case "text_delta" -> UsageJson.appendText(served, delta, "text");
      case "input_json_delta" -> UsageJson.appendText(served, delta, "partial_json");
      case "thinking_delta" -> UsageJson.appendText(served, delta, "thinking");
      default -> { }
    }
  }
}
