package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration baked into the container image ({@code deploy/image/etc/keypool/keypool.yaml}) starts
 * one instance with no environment, and becomes one of several on PostgreSQL and Redis with the
 * environment {@code deploy/docker-compose.yml} gives each instance.
 */
class ContainerConfigTest {

  private static final Path IMAGE_CONFIG = Path.of("deploy/image/etc/keypool/keypool.yaml");

  @Test
  void alone_it_listens_on_every_interface_and_keeps_sqlite_in_the_data_volume() {
    GatewayConfig c = ConfigLoader.load(IMAGE_CONFIG, Map.of());

    assertThat(c.listeners().proxy().host()).isEqualTo("0.0.0.0");
    assertThat(c.listeners().proxy().port()).isEqualTo(8080);
    assertThat(c.listeners().admin().port()).isEqualTo(9090);
    assertThat(c.storage().url()).isEqualTo("jdbc:sqlite:/app/data/keypool.db");
    assertThat(c.limits().drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.quotas().redis()).isEmpty();
    assertThat(c.providers()).extracting(ProviderConfig::id).containsExactly("openai", "anthropic");
  }

  @Test
  void the_compose_environment_puts_it_on_postgresql_and_redis() {
    GatewayConfig c = ConfigLoader.load(IMAGE_CONFIG, Map.of(
        "KEYPOOL__STORAGE__URL", "jdbc:postgresql://postgres:5432/keypool",
        "KEYPOOL__STORAGE__USER", "keypool",
        "KEYPOOL__STORAGE__PASSWORD", "pg-secret",
        "KEYPOOL__STORAGE__ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "KEYPOOL__QUOTAS__REDIS__URL", "redis://redis:6379/0",
        "KEYPOOL_ADMIN_PASSWORD", "a long admin passphrase",
        "OPENAI_API_KEY", "sk-real"));

    assertThat(c.storage().isPostgres()).isTrue();
    assertThat(c.storage().user()).isEqualTo("keypool");
    assertThat(c.storage().encryptionKey()).isNotBlank();
    assertThat(c.quotas().redis()).hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("redis://redis:6379/0"));
    assertThat(c.admin().password()).isEqualTo("a long admin passphrase");
    assertThat(c.provider("openai").keys().get(0).secret()).isEqualTo("sk-real");
  }
}
