package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code keypool.example.yaml} at the repository root must start a gateway with no environment at all. */
class ExampleConfigTest {

  private static final Path EXAMPLE = Path.of("keypool.example.yaml");

  @Test
  void loads_with_an_empty_environment() {
    GatewayConfig c = ConfigLoader.load(EXAMPLE, Map.of());

    assertThat(c.storage().isSqlite()).isTrue();
    assertThat(c.admin().hasToken()).isFalse();
    assertThat(c.admin().hasPassword()).isFalse(); // a password is generated at first start
    assertThat(c.providers()).extracting(ProviderConfig::id).containsExactly("openai", "anthropic");
    assertThat(c.provider("openai").keys().get(0).secret()).isEqualTo("sk-replace-me-openai-key");
    assertThat(c.provider("anthropic").auth()).isEqualTo(AuthStyle.X_API_KEY);
    assertThat(c.models()).extracting(ModelRouteConfig::id)
        .containsExactly("gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "claude-sonnet-4-5", "claude-haiku-4-5");
    assertThat(c.gatewayKeys()).as("no key value is published: one is generated at first start").isEmpty();
  }

  @Test
  void takes_real_keys_from_the_environment() {
    GatewayConfig c = ConfigLoader.load(EXAMPLE, Map.of(
        "OPENAI_API_KEY", "sk-real", "KEYPOOL_ADMIN_PASSWORD", "a real admin passphrase", "KEYPOOL__LISTENERS__PROXY__PORT", "0"));

    assertThat(c.provider("openai").keys().get(0).secret()).isEqualTo("sk-real");
    assertThat(c.admin().password()).isEqualTo("a real admin passphrase");
    assertThat(c.admin().username()).isEqualTo("admin");
    assertThat(c.listeners().proxy().port()).isZero();
  }
}
