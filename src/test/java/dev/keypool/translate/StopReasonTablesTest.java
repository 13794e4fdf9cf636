package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.provider.anthropic.AnthropicStopReasons;
import dev.keypool.provider.openai.OpenAiFinishReasons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StopReasonTablesTest {

  @ParameterizedTest(name = "anthropic {0} -> {1} -> openai {2}")
  @CsvSource({
      "end_turn, END_TURN, stop",
      "max_tokens, MAX_TOKENS, length",
      "stop_sequence, STOP_SEQUENCE, stop",
      "tool_use, TOOL_USE, tool_calls",
      "refusal, CONTENT_FILTER, content_filter",
      "pause_turn, END_TURN, stop",
      "model_context_window_exceeded, MAX_TOKENS, length"})
  void anthropic_stop_reasons_to_openai(String anthropic, StopReason canonical, String openAi) {
    assertThat(AnthropicStopReasons.read(anthropic)).isEqualTo(canonical);
    assertThat(OpenAiFinishReasons.write(canonical)).isEqualTo(openAi);
  }

  @ParameterizedTest(name = "openai {0} -> {1} -> anthropic {2}")
  @CsvSource({
      "stop, END_TURN, end_turn",
      "length, MAX_TOKENS, max_tokens",
      "tool_calls, TOOL_USE, tool_use",
      "function_call, TOOL_USE, tool_use",
      "content_filter, CONTENT_FILTER, refusal",
      "error, ERROR, end_turn"})
  void openai_finish_reasons_to_anthropic(String openAi, StopReason canonical, String anthropic) {
    assertThat(OpenAiFinishReasons.read(openAi)).isEqualTo(canonical);
    assertThat(AnthropicStopReasons.write(canonical)).isEqualTo(anthropic);
  }

  @ParameterizedTest
  @EnumSource(StopReason.class)
  void every_canonical_reason_has_a_wire_value_in_both_formats(StopReason reason) {
    assertThat(OpenAiFinishReasons.write(reason)).isNotNull();
    assertThat(AnthropicStopReasons.write(reason)).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(StopReason.class)
  void each_reason_survives_a_stream_translation(StopReason reason) {
    var encoder = new dev.keypool.provider.anthropic.AnthropicStreamEncoder();
    encoder.encode(new StreamEvent.MessageStart("m", "x"));
    String sse = encoder.encode(new StreamEvent.MessageStop(reason, null)).toString();
    assertThat(sse).contains("\"stop_reason\":\"" + AnthropicStopReasons.write(reason) + "\"");
  }
}
