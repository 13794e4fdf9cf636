package dev.keypool.sdk;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.keypool.e2e.GatewayHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the SDK test classes: one gateway (the standard harness plus a Gemini provider) per class with an official
 * OpenAI and an official Anthropic client pointed at it, and the fake upstream reset before each test.
 */
abstract class SdkGateway {
  static GatewayHarness h;
  static OpenAIClient openai;
  static AnthropicClient anthropic;

  @BeforeAll
  static void startGateway() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
    openai = SdkClients.openAi(h);
    anthropic = SdkClients.anthropic(h);
  }

  @AfterAll
  static void stopGateway() throws Exception {
    openai.close();
    anthropic.close();
    h.close();
  }

  @BeforeEach
  void resetUpstream() {
    h.upstream.reset();
  }
}
