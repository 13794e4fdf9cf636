package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnthropicStreamMeterTest {

  @Test
  void cache_buckets_from_message_start_and_cumulative_output_from_message_delta() {
    AnthropicStreamMeter meter = Streams.metered(new AnthropicStreamMeter(), Streams.ANTHROPIC_CACHED);

    assertThat(meter.usage()).isEqualTo(new Usage(25, 87, 2000, 1000, 0));
    assertThat(meter.complete()).isTrue();
  }

  @Test
  void served_text_is_thinking_text_and_tool_input_in_order() {
    AnthropicStreamMeter meter = Streams.metered(new AnthropicStreamMeter(), Streams.ANTHROPIC_CACHED);

    Streams.assertServed(meter, "Let me think. Hi 😀 {\"city\": \"Paris\"}");
  }

  @Test
  void the_last_message_delta_wins_and_may_restate_the_input() {
    String body = Streams.event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":"
        + "{\"input_tokens\":10,\"output_tokens\":1}}}")
        + Streams.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":5}}")
        + Streams.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":7,\"output_tokens\":9}}")
        + Streams.event("message_stop", "{\"type\":\"message_stop\"}");
    AnthropicStreamMeter meter = Streams.metered(new AnthropicStreamMeter(), body);

    assertThat(meter.usage()).isEqualTo(new Usage(12, 9, 7, 0, 0));
  }

  @Test
  void truncated_stream_keeps_the_input_and_is_incomplete() {
    String body = Streams.ANTHROPIC_CACHED;
    String truncated = body.substring(0, body.indexOf("event: content_block_stop\r\ndata: {\"type\":\"content_block_stop\",\"index\":1}"));
    AnthropicStreamMeter meter = Streams.metered(new AnthropicStreamMeter(), truncated);

    assertThat(meter.complete()).isFalse();
    assertThat(meter.usage()).isEqualTo(new Usage(25, 1, 2000, 1000, 0));
    Streams.assertServed(meter, "Let me think. Hi 😀 ");
  }

  @Test
  void no_message_start_means_no_usage() {
    AnthropicStreamMeter meter = Streams.metered(new AnthropicStreamMeter(),
        Streams.event("ping", "{\"type\":\"ping\"}") + Streams.event("error",
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

    assertThat(meter.usage()).isNull();
    assertThat(meter.complete()).isFalse();
  }
}
