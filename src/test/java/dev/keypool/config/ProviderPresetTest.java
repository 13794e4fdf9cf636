package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderPresetTest {

  @Test
  void a_preset_needs_only_keys() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        providers:
          - preset: openrouter
            keys: [{ name: k1, secret: sk-or-1 }]
          - preset: assemblyai
            keys: [{ name: k1, secret: aai-1 }]
          - preset: anthropic
            keys: [{ name: k1, secret: ant-1 }]
        """);
    ProviderConfig openRouter = c.provider("openrouter");
    assertThat(openRouter.format()).isEqualTo(ProviderFormat.OPENAI);
    assertThat(openRouter.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
    assertThat(openRouter.auth()).isEqualTo(AuthStyle.BEARER);
    assertThat(openRouter.models()).contains("anthropic/claude-sonnet-4.5");
    assertThat(c.provider("assemblyai").auth()).isEqualTo(AuthStyle.RAW_AUTHORIZATION);
    assertThat(c.provider("assemblyai").baseUrl()).isEqualTo("https://llm-gateway.assemblyai.com/v1");
    ProviderConfig anthropic = c.provider("anthropic");
    assertThat(anthropic.format()).isEqualTo(ProviderFormat.ANTHROPIC);
    assertThat(anthropic.auth()).isEqualTo(AuthStyle.X_API_KEY);
    assertThat(anthropic.headers()).containsEntry("anthropic-version", "2023-06-01");
  }

  @Test
  void what_the_file_sets_wins_over_the_preset() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        providers:
          - id: kimi-cn
            preset: moonshot
            base_url: https://api.moonshot.cn/v1
            models: [kimi-k2-turbo-preview]
            keys: [{ name: k1, secret: sk-1 }]
        """);
    ProviderConfig p = c.provider("kimi-cn");
    assertThat(p.baseUrl()).isEqualTo("https://api.moonshot.cn/v1");
    assertThat(p.models()).containsExactly("kimi-k2-turbo-preview");
    assertThat(p.format()).isEqualTo(ProviderFormat.OPENAI);
  }

  @Test
  void without_a_preset_base_url_is_required_and_a_bad_preset_is_named() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        providers:
          - { id: x, format: openai, keys: [{ name: k1, secret: s }] }
          - { preset: azure-foundry, keys: [{ name: k1, secret: s }] }
        """)).anySatisfy(e -> assertThat(e).startsWith("providers[0].base_url: required unless a preset gives it"))
        .anySatisfy(e -> assertThat(e).startsWith("providers[1].preset: must be one of openai, anthropic, gemini, openrouter"));
  }

  @Test
  void routes_take_aliases_and_an_output_cap_and_aliases_must_be_unique() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER.replace(
        "candidates: [{ provider: openai }]", "candidates: [{ provider: openai }]\n    aliases: [mini]\n    max_tokens: 777"));
    assertThat(c.models().get(0).aliases()).containsExactly("mini");
    assertThat(c.models().get(0).maxTokens()).isEqualTo(777);
    assertThat(TestConfigs.parse(TestConfigs.ONE_PROVIDER).models().get(0).maxTokens()).isEqualTo(4096);

    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER + """
          - id: other
            aliases: [gpt-4o-mini]
            candidates: [{ provider: openai }]
        """)).anySatisfy(e -> assertThat(e).contains("models[1].aliases").contains("gpt-4o-mini"));
  }
}
