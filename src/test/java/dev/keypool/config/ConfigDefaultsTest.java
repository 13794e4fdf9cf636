package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.keypool.Strategy;
import dev.keypool.quota.LimitRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

  @Test
  void minimal_file_gets_every_default() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL);

    assertThat(c.listeners().proxy()).isEqualTo(new ListenersConfig.Listener("0.0.0.0", 8080, 12_000, "/health"));
    assertThat(c.listeners().admin()).isEqualTo(new ListenersConfig.Listener("127.0.0.1", 9090, 256));
    assertThat(c.storage().url()).isEqualTo("jdbc:sqlite:data/keypool.db");
    assertThat(c.storage().isSqlite()).isTrue();
    assertThat(c.storage().user()).isNull();
    assertThat(c.storage().password()).isNull();
    assertThat(c.storage().encryptionKey()).isNull();
    assertThat(c.storage().poolSize()).isEqualTo(8);
    assertThat(c.limits().maxBodyBytes()).isEqualTo(10_485_760L);
    assertThat(c.limits().drainTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(c.headers().forward())
        .containsExactly("accept", "content-type", "anthropic-version", "anthropic-beta", "openai-beta");
    RoutingConfig r = c.routing();
    assertThat(r.defaultStrategy()).isEqualTo(Strategy.ROUND_ROBIN);
    assertThat(r.maxAttempts()).isEqualTo(3);
    assertThat(r.totalTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(r.callsPerRotation()).isEqualTo(10);
    assertThat(r.defaultCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.ban().statusCodes()).containsExactlyInAnyOrder(401, 403);
    assertThat(r.ban().threshold()).isEqualTo(3);
    assertThat(r.ban().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(r.ban().duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(r.ban().maxDuration()).isEqualTo(Duration.ofHours(6));
    assertThat(c.providers()).isEmpty();
    assertThat(c.models()).isEmpty();
    assertThat(c.gatewayKeys()).isEmpty();
    assertThat(c.tracking()).isEqualTo(new TrackingConfig(true, Duration.ofDays(90), Duration.ofDays(400)));
  }

  @Test
  void provider_key_and_route_defaults() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER);

    ProviderConfig p = c.provider("openai");
    assertThat(p.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(p.auth()).isEqualTo(AuthStyle.BEARER);
    assertThat(p.headers()).isEmpty();
    assertThat(p.maxConnections()).isEqualTo(256);
    assertThat(p.timeouts())
        .isEqualTo(new TimeoutsConfig(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(600)));
    ProviderKeyConfig k = p.keys().get(0);
    assertThat(k.secret()).isEqualTo("sk-secret-value-1");
    assertThat(k.priority()).isZero();
    assertThat(k.weight()).isEqualTo(1);
    assertThat(k.tags()).isEmpty();
    assertThat(k.notes()).isEmpty();
    assertThat(k.requestsPerMinute()).isZero();
    assertThat(k.enabled()).isTrue();
    ModelRouteConfig m = c.models().get(0);
    assertThat(m.candidates()).containsExactly(new ModelRouteConfig.Candidate("openai", "gpt-4o-mini"));
    assertThat(m.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
    assertThat(m.maxAttempts()).isEqualTo(3);
    assertThat(m.callsPerRotation()).isEqualTo(10);
  }

  @Test
  void routes_inherit_routing_settings_and_may_override_them() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER + """
          - id: fast
            strategy: least_inflight
            max_attempts: 5
            calls_per_rotation: 2
            candidates: [{ provider: openai, model: gpt-4o }]
        routing: { default_strategy: calls_per_rotation, max_attempts: 2, calls_per_rotation: 7 }
        """);

    assertThat(c.models().get(0).strategy()).isEqualTo(Strategy.CALLS_PER_ROTATION);
    assertThat(c.models().get(0).maxAttempts()).isEqualTo(2);
    assertThat(c.models().get(0).callsPerRotation()).isEqualTo(7);
    ModelRouteConfig fast = c.models().get(1);
    assertThat(fast.strategy()).isEqualTo(Strategy.LEAST_INFLIGHT);
    assertThat(fast.maxAttempts()).isEqualTo(5);
    assertThat(fast.callsPerRotation()).isEqualTo(2);
    assertThat(fast.candidates().get(0).model()).isEqualTo("gpt-4o");
  }

  @Test
  void anthropic_defaults_to_x_api_key_and_a_version_header_unless_given() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        providers:
          - { id: anthropic, format: anthropic, base_url: https://api.anthropic.com/v1 }
          - id: pinned
            format: anthropic
            base_url: https://proxy.example.com/v1
            auth: bearer
            headers: { Anthropic-Version: "2024-01-01", X-Team: core }
        """);

    assertThat(c.provider("anthropic").auth()).isEqualTo(AuthStyle.X_API_KEY);
    assertThat(c.provider("anthropic").headers()).isEqualTo(Map.of("anthropic-version", "2023-06-01"));
    assertThat(c.provider("pinned").auth()).isEqualTo(AuthStyle.BEARER);
    assertThat(c.provider("pinned").headers()).isEqualTo(Map.of("anthropic-version", "2024-01-01", "x-team", "core"));
  }

  @Test
  void gemini_defaults_to_googles_host_and_the_x_goog_api_key_header() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        providers:
          - { id: gemini, format: gemini }
          - { id: vertex-proxy, format: gemini, base_url: "https://proxy.example.com/", auth: bearer }
        """);

    assertThat(c.provider("gemini").baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
    assertThat(c.provider("gemini").auth()).isEqualTo(AuthStyle.X_GOOG_API_KEY);
    assertThat(c.provider("gemini").headers()).isEmpty();
    assertThat(c.provider("vertex-proxy").baseUrl()).isEqualTo("https://proxy.example.com");
    assertThat(c.provider("vertex-proxy").auth()).isEqualTo(AuthStyle.BEARER);
  }

  @Test
  void empty_storage_credentials_become_null_and_given_ones_are_kept() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        storage:
          url: jdbc:postgresql://127.0.0.1:5432/keypool
          user: keypool
          password: pg-secret
          encryption_key: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
          pool_size: 4
        """);

    assertThat(c.storage().isPostgres()).isTrue();
    assertThat(c.storage().user()).isEqualTo("keypool");
    assertThat(c.storage().password()).isEqualTo("pg-secret");
    assertThat(c.storage().encryptionKey()).isNotNull();
    assertThat(c.storage().poolSize()).isEqualTo(4);
  }

  @Test
  void a_drain_timeout_of_zero_cuts_at_once() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + "limits: { drain_timeout: 0s }\n");
    assertThat(c.limits().drainTimeout()).isZero();
  }

  @Test
  void sizes_and_quoted_numbers_are_accepted() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        limits: { max_body_bytes: 512KiB }
        listeners: { proxy: { port: "0" } }
        """);

    assertThat(c.limits().maxBodyBytes()).isEqualTo(512 * 1024);
    assertThat(c.listeners().proxy().port()).isZero();
  }

  @Test
  void tracking_can_be_turned_off_and_retention_set() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + "tracking: { enabled: false, retention: 7d, hourly_retention: 0 }\n");
    assertThat(c.tracking()).isEqualTo(new TrackingConfig(false, Duration.ofDays(7), Duration.ZERO));
  }

  @Test
  void gateway_keys_default_to_no_scopes_read_and_write_and_no_limits_and_may_declare_them() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER + """
        gateway_keys:
          - { name: plain, key: ak_plain-value-0123456789 }
          - name: ci
            key: ak_ci-value-0123456789
            description: the CI runner
            allowed_models: ["gpt-4o*", "anthropic/*"]
            allowed_providers: [openai]
            allowed_ips: [10.0.0.0/8, "2001:db8::/32"]
            permissions: [write]
            limits: { requests_per_minute: 60, cost_usd_per_month: 50, concurrent: 4 }
        """);

    GatewayKeyConfig plain = c.gatewayKeys().get(0);
    assertThat(plain.description()).isEmpty();
    assertThat(plain.scopes()).isEqualTo(KeyScopes.ANY);
    assertThat(plain.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.WRITE);
    assertThat(plain.limits()).isEqualTo(LimitRules.NONE);
    GatewayKeyConfig ci = c.gatewayKeys().get(1);
    assertThat(ci.description()).isEqualTo("the CI runner");
    assertThat(ci.scopes().models().patterns()).containsExactly("gpt-4o*", "anthropic/*");
    assertThat(ci.scopes().providers()).containsExactly("openai");
    assertThat(ci.scopes().ips().entries()).containsExactly("10.0.0.0/8", "2001:db8::/32");
    assertThat(ci.permissions()).containsExactly(Permission.WRITE);
    assertThat(ci.limits().rules()).containsExactlyInAnyOrderElementsOf(
        LimitRules.parse(Map.of("requests_per_minute", 60, "cost_usd_per_month", 50, "concurrent", 4)).rules());
  }
}
