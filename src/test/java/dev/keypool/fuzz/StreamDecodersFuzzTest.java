package dev.keypool.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypool.fuzz.Outcomes.Refusal;
import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.gemini.GeminiStreamDecoder;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the upstream stream decoders of the translating relay with any sequence of SSE
 * {@code data:} payloads: a payload that is not JSON is refused as such (the attempt fails like an
 * interrupted stream), anything else is decoded or ignored, never a crash. Each input is a few
 * payloads separated by NUL bytes (UTF-8), fed to one decoder of each format, which then finishes.
 * Regression inputs: {@code StreamDecodersFuzzTestInputs/decoders/}.
 */
class StreamDecodersFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decoders(byte[] input) {
    String[] payloads = new String(input, StandardCharsets.UTF_8).split("\0", 32);
    OpenAiStreamDecoder openAi = new OpenAiStreamDecoder();
    AnthropicStreamDecoder anthropic = new AnthropicStreamDecoder();
    GeminiStreamDecoder gemini = new GeminiStreamDecoder();
    for (String payload : payloads) {
      Outcomes.check("openai decode", Refusal.TRANSLATION_REFUSAL, () -> openAi.decode(payload));
      Outcomes.check("anthropic decode", Refusal.TRANSLATION_REFUSAL, () -> anthropic.decode(payload));
      Outcomes.check("gemini decode", Refusal.TRANSLATION_REFUSAL, () -> gemini.decode(payload));
    }
    Outcomes.check("openai finish", Refusal.NONE, openAi::finish);
    Outcomes.check("gemini finish", Refusal.NONE, gemini::finish);
  }
}
