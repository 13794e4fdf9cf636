package dev.keypool.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.keypool.e2e.GatewayHarness;
import java.time.Duration;

/**
 * Factories for the official OpenAI and Anthropic SDK clients pointed at a running {@link GatewayHarness}.
 *
 * <p>Every client has SDK retries off ({@code maxRetries(0)}): a retry by the SDK would hide a failure
 * the gateway was supposed to absorb by failing over itself.
 */
final class SdkClients {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private SdkClients() {}

  /** The OpenAI SDK with the gateway key as its API key and the gateway's {@code /v1} as base URL. */
  static OpenAIClient openAi(GatewayHarness h) {
    return OpenAIOkHttpClient.builder()
        .apiKey(GatewayHarness.CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + h.gateway.proxyPort() + "/v1")
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }

  /** The Anthropic SDK sending the gateway key as {@code x-api-key}. */
  static AnthropicClient anthropic(GatewayHarness h) {
    return AnthropicOkHttpClient.builder()
        .apiKey(GatewayHarness.CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + h.gateway.proxyPort())
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }

  /** The Anthropic SDK sending the gateway key as {@code Authorization: Bearer} (its {@code authToken}). */
  static AnthropicClient anthropicWithBearer(GatewayHarness h) {
    return AnthropicOkHttpClient.builder()
        .authToken(GatewayHarness.CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + h.gateway.proxyPort())
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }
}
