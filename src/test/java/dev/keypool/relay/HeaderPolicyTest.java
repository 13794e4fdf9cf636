package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.AuthStyle;
import dev.keypool.config.HeaderPolicyConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.config.TimeoutsConfig;
import dev.keypool.provider.anthropic.AnthropicWire;
import dev.keypool.provider.openai.OpenAiWire;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderPolicyTest {
  static final TimeoutsConfig T = new TimeoutsConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

  static ProviderConfig provider(ProviderFormat format, AuthStyle auth, Map<String, String> headers) {
    return new ProviderConfig("p", format, "http://127.0.0.1:1/v1", auth, headers, T, 8, List.of(), List.of());
  }

  static MultiMap client() {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer ak_client").add("X-Api-Key", "ak_client").add("Cookie", "s=1")
        .add("X-Forwarded-For", "1.2.3.4").add("X-Forwarded-Client-Cert", "c").add("X-Real-IP", "1.2.3.4")
        .add("Forwarded", "for=1.2.3.4").add("Host", "gw").add("Content-Length", "10").add("Accept-Encoding", "gzip")
        .add("Accept", "application/json").add("X-Stainless-Lang", "java").add("X-Private", "secret")
        .add("Anthropic-Beta", "b1");
  }

  @Test
  void forwards_only_allow_listed_headers_and_never_identity() {
    HeaderPolicy policy = new HeaderPolicy(new HeaderPolicyConfig(
        List.of("accept", "anthropic-beta", "x-stainless-*", "authorization", "x-forwarded-*", "cookie")));
    MultiMap out = policy.upstreamHeaders(client(), provider(ProviderFormat.OPENAI, AuthStyle.BEARER, Map.of()),
        new OpenAiWire(), "sk-upstream");

    assertThat(out.get("authorization")).isEqualTo("Bearer sk-upstream");
    assertThat(out.get("accept")).isEqualTo("application/json");
    assertThat(out.get("x-stainless-lang")).isEqualTo("java");
    assertThat(out.get("anthropic-beta")).isEqualTo("b1");
    assertThat(out.names()).map(String::toLowerCase).doesNotContain("x-api-key", "cookie", "x-forwarded-for",
        "x-forwarded-client-cert", "x-real-ip", "forwarded", "host", "content-length", "accept-encoding", "x-private");
    assertThat(out.getAll("authorization")).hasSize(1);
  }

  @Test
  void anthropic_provider_gets_x_api_key_version_default_and_static_headers() {
    HeaderPolicy policy = new HeaderPolicy(new HeaderPolicyConfig(List.of("anthropic-version")));
    MultiMap out = policy.upstreamHeaders(client(), provider(ProviderFormat.ANTHROPIC, AuthStyle.X_API_KEY,
        Map.of("x-extra", "1")), new AnthropicWire(), "sk-ant");

    assertThat(out.get("x-api-key")).isEqualTo("sk-ant");
    assertThat(out.get("authorization")).isNull();
    assertThat(out.get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(out.get("x-extra")).isEqualTo("1");

    MultiMap withVersion = client().add("anthropic-version", "2026-10-21");
    assertThat(policy.upstreamHeaders(withVersion, provider(ProviderFormat.ANTHROPIC, AuthStyle.X_API_KEY, Map.of()),
        new AnthropicWire(), "k").get("anthropic-version")).isEqualTo("2026-10-21");
    assertThat(policy.upstreamHeaders(withVersion, provider(ProviderFormat.ANTHROPIC, AuthStyle.X_API_KEY,
        Map.of("anthropic-version", "2023-06-01")), new AnthropicWire(), "k").get("anthropic-version"))
        .as("a passed-through body keeps the version it was written for").isEqualTo("2026-10-21");
  }

  @Test
  void translated_request_leaves_the_clients_format_headers_behind() {
    HeaderPolicy policy = new HeaderPolicy(new HeaderPolicyConfig(
        List.of("accept", "anthropic-beta", "anthropic-version", "openai-beta")));
    MultiMap fromAnthropicClient = client().add("anthropic-version", "2026-10-21").add("OpenAI-Beta", "x");
    ProviderConfig openai = provider(ProviderFormat.OPENAI, AuthStyle.BEARER, Map.of());

    MultiMap translated = policy.upstreamHeaders(fromAnthropicClient, openai, new OpenAiWire(), "sk", true);
    assertThat(translated.names()).map(String::toLowerCase)
        .doesNotContain("anthropic-beta", "anthropic-version", "openai-beta");
    assertThat(translated.get("accept")).isEqualTo("application/json");

    MultiMap same = policy.upstreamHeaders(fromAnthropicClient, openai, new OpenAiWire(), "sk", false);
    assertThat(same.get("anthropic-beta")).isEqualTo("b1");

    MultiMap toAnthropic = policy.upstreamHeaders(fromAnthropicClient,
        provider(ProviderFormat.ANTHROPIC, AuthStyle.X_API_KEY, Map.of("anthropic-version", "2024-01-01")),
        new AnthropicWire(), "k", true);
    assertThat(toAnthropic.get("anthropic-version")).as("the provider's, never the client's").isEqualTo("2024-01-01");
  }

  @Test
  void raw_authorization_style_sends_the_secret_without_scheme() {
    HeaderPolicy policy = new HeaderPolicy(new HeaderPolicyConfig(List.of()));
    MultiMap out = policy.upstreamHeaders(client(), provider(ProviderFormat.OPENAI, AuthStyle.RAW_AUTHORIZATION, Map.of()),
        new OpenAiWire(), "token-123");
    assertThat(out.get("authorization")).isEqualTo("token-123");
  }
}
