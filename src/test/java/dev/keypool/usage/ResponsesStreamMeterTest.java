package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsesStreamMeterTest {
  static final String BODY = Streams.event("response.created",
      "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"usage\":null}}")
      + Streams.event("response.output_text.delta",
      "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"delta\":\"Hi \"}")
      + Streams.event("response.function_call_arguments.delta",
      "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":2,\"item_id\":\"fc_1\",\"delta\":\"{}\"}");
  static final String COMPLETED = Streams.event("response.completed",
      "{\"type\":\"response.completed\",\"sequence_number\":3,\"response\":{\"id\":\"resp_1\",\"usage\":"
          + "{\"input_tokens\":1200,\"input_tokens_details\":{\"cached_tokens\":1024},\"output_tokens\":300,"
          + "\"output_tokens_details\":{\"reasoning_tokens\":128},\"total_tokens\":1500}}}");

  @Test
  void usage_comes_from_response_completed_with_cached_and_reasoning_tokens_apart() {
    ResponsesStreamMeter meter = Streams.metered(new ResponsesStreamMeter(), BODY + COMPLETED);

    assertThat(meter.usage()).isEqualTo(new Usage(176, 300, 1024, 0, 128));
    assertThat(meter.complete()).isTrue();
    Streams.assertServed(meter, "Hi {}");
  }

  @Test
  void a_stream_cut_before_its_terminal_event_has_no_usage_and_is_incomplete() {
    ResponsesStreamMeter meter = Streams.metered(new ResponsesStreamMeter(), BODY);

    assertThat(meter.usage()).isNull();
    assertThat(meter.complete()).isFalse();
    Streams.assertServed(meter, "Hi {}");
  }
}
