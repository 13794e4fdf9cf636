package dev.keypool.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypool.fuzz.Outcomes.Refusal;
import dev.keypool.relay.GeminiCall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the Gemini path parser with any path and {@code alt} parameter: it never throws (a path it
 * cannot read is simply not a Gemini call: a 404 in Gemini's shape), and a call it reads names a
 * model. Regression inputs: {@code GeminiPathFuzzTestInputs/parse/}.
 */
class GeminiPathFuzzTest {
  /** The first byte of an input picks the {@code alt} parameter; the rest is the path. */
  private static final String[] ALTS = {null, "sse", "json", ""};

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) {
    String alt = input.length == 0 ? null : ALTS[(input[0] & 0xff) % ALTS.length];
    // Latin-1: one char per byte, as an HTTP request line's bytes arrive.
    String path = new String(input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length),
        StandardCharsets.ISO_8859_1);
    GeminiCall[] call = new GeminiCall[1];
    Outcomes.check("GeminiCall.parse", Refusal.NONE, () -> call[0] = GeminiCall.parse(path, alt));
    Outcomes.check("GeminiCall.isGeminiPath", Refusal.NONE, () -> GeminiCall.isGeminiPath(path));
    if (call[0] != null) {
      assertThat(call[0].model()).isNotBlank();
      assertThat(call[0].sse()).isEqualTo(call[0].stream() && "sse".equals(alt));
    }
  }
}
