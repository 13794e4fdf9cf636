package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.provider.anthropic.AnthropicStopReasons;
import dev.keypool.provider.gemini.GeminiFinishReasons;
import dev.keypool.provider.openai.OpenAiFinishReasons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented Gemini {@code finishReason} through the canonical reason to OpenAI and Anthropic, and back. */
class GeminiStopReasonTablesTest {

  @ParameterizedTest(name = "gemini {0} (tools called: {1}) -> {2} -> openai {3}, anthropic {4}")
  @CsvSource({
      "STOP,                      false, END_TURN,       stop,           end_turn",
      "STOP,                      true,  TOOL_USE,       tool_calls,     tool_use",
      "MAX_TOKENS,                false, MAX_TOKENS,     length,         max_tokens",
      "SAFETY,                    false, CONTENT_FILTER, content_filter, refusal",
      "RECITATION,                false, CONTENT_FILTER, content_filter, refusal",
      "LANGUAGE,                  false, CONTENT_FILTER, content_filter, refusal",
      "BLOCKLIST,                 false, CONTENT_FILTER, content_filter, refusal",
      "PROHIBITED_CONTENT,        false, CONTENT_FILTER, content_filter, refusal",
      "SPII,                      false, CONTENT_FILTER, content_filter, refusal",
      "IMAGE_SAFETY,              false, CONTENT_FILTER, content_filter, refusal",
      "MALFORMED_FUNCTION_CALL,   false, ERROR,          error,          end_turn",
      "UNEXPECTED_TOOL_CALL,      false, ERROR,          error,          end_turn",
      "TOO_MANY_TOOL_CALLS,       false, ERROR,          error,          end_turn",
      "OTHER,                     false, ERROR,          error,          end_turn",
      "FINISH_REASON_UNSPECIFIED, false, END_TURN,       stop,           end_turn"})
  void gemini_finish_reasons_to_openai_and_anthropic(String gemini, boolean calledTools, StopReason canonical,
      String openAi, String anthropic) {
    assertThat(GeminiFinishReasons.read(gemini, calledTools)).isEqualTo(canonical);
    assertThat(OpenAiFinishReasons.write(canonical)).isEqualTo(openAi);
    assertThat(AnthropicStopReasons.write(canonical)).isEqualTo(anthropic);
  }

  @ParameterizedTest(name = "{0} -> gemini {1}")
  @CsvSource({
      "END_TURN, STOP",
      "STOP_SEQUENCE, STOP",
      "TOOL_USE, STOP",
      "MAX_TOKENS, MAX_TOKENS",
      "CONTENT_FILTER, SAFETY",
      "ERROR, OTHER"})
  void canonical_reasons_to_gemini(StopReason canonical, String gemini) {
    assertThat(GeminiFinishReasons.write(canonical)).isEqualTo(gemini);
  }

  @org.junit.jupiter.api.Test
  void not_finished_is_null() {
    assertThat(GeminiFinishReasons.read(null, true)).isNull();
    assertThat(GeminiFinishReasons.write(null)).isNull();
  }
}
