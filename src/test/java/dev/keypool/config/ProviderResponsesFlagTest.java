package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code providers[].responses}: who serves OpenAI's Responses API itself. */
class ProviderResponsesFlagTest {

  @Test
  void only_openais_own_api_has_it_by_default_and_the_file_can_say_otherwise() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        providers:
          - preset: openai
            keys: [{ name: k1, secret: sk-1 }]
          - { id: official, format: openai, base_url: "https://api.openai.com/v1/", keys: [{ name: k1, secret: sk-2 }] }
          - preset: openrouter
            keys: [{ name: k1, secret: sk-3 }]
          - { id: local, format: openai, base_url: "http://127.0.0.1:8000/v1", keys: [{ name: k1, secret: sk-4 }] }
          - { id: vllm, format: openai, base_url: "http://127.0.0.1:8001/v1", responses: true, keys: [{ name: k1, secret: sk-5 }] }
          - { id: proxy, preset: openai, responses: false, keys: [{ name: k1, secret: sk-6 }] }
          - preset: anthropic
            keys: [{ name: k1, secret: ant-1 }]
        """);
    assertThat(c.provider("openai").responses()).isTrue();
    assertThat(c.provider("official").responses()).isTrue();
    assertThat(c.provider("openrouter").responses()).isFalse();
    assertThat(c.provider("local").responses()).isFalse();
    assertThat(c.provider("vllm").responses()).isTrue();
    assertThat(c.provider("proxy").responses()).isFalse();
    assertThat(c.provider("anthropic").responses()).isFalse();
  }

  @Test
  void another_format_cannot_claim_it() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        providers:
          - { preset: anthropic, responses: true, keys: [{ name: k1, secret: ant-1 }] }
        """, Map.of())).anyMatch(e -> e.contains("responses") && e.contains("format openai"));
  }
}
