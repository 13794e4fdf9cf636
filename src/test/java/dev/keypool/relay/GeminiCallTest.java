package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiCallTest {

  @Test
  void the_model_method_and_stream_form_come_from_the_path() {
    assertThat(GeminiCall.parse("/v1beta/models/gemini-2.5-flash:generateContent", null))
        .isEqualTo(new GeminiCall("gemini-2.5-flash", Endpoint.GENERATE_CONTENT, false, false));
    assertThat(GeminiCall.parse("/v1beta/models/gemini-2.5-flash:streamGenerateContent", "sse"))
        .isEqualTo(new GeminiCall("gemini-2.5-flash", Endpoint.GENERATE_CONTENT, true, true));
    assertThat(GeminiCall.parse("/v1beta/models/models/g:streamGenerateContent", null))
        .isEqualTo(new GeminiCall("g", Endpoint.GENERATE_CONTENT, true, false));
    assertThat(GeminiCall.parse("/v1beta/models/my%20model:countTokens", null))
        .isEqualTo(new GeminiCall("my model", Endpoint.GEMINI_COUNT_TOKENS, false, false));
    assertThat(GeminiCall.parse("/v1beta/models/g:embedContent", null)).isNull();
    assertThat(GeminiCall.parse("/v1beta/models/:generateContent", null)).isNull();
    assertThat(GeminiCall.parse("/v1/chat/completions", null)).isNull();
  }

  @Test
  void upstream_paths_carry_the_upstream_model_and_the_stream_form() {
    assertThat(Endpoint.GENERATE_CONTENT.upstreamPath("models/gemini-3-pro", false, true))
        .isEqualTo("/v1beta/models/gemini-3-pro:generateContent");
    assertThat(Endpoint.GENERATE_CONTENT.upstreamPath("gemini-3-pro", true, true))
        .isEqualTo("/v1beta/models/gemini-3-pro:streamGenerateContent?alt=sse");
    assertThat(Endpoint.GENERATE_CONTENT.upstreamPath("gemini-3-pro", true, false))
        .isEqualTo("/v1beta/models/gemini-3-pro:streamGenerateContent");
    assertThat(Endpoint.CHAT_COMPLETIONS.in(dev.keypool.config.ProviderFormat.GEMINI)).isEqualTo(Endpoint.GENERATE_CONTENT);
    assertThat(Endpoint.GENERATE_CONTENT.in(dev.keypool.config.ProviderFormat.ANTHROPIC)).isEqualTo(Endpoint.MESSAGES);
    assertThat(Endpoint.GEMINI_COUNT_TOKENS.in(dev.keypool.config.ProviderFormat.OPENAI)).isNull();
  }
}
