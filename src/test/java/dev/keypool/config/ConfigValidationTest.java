package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each validation rule, and that its message names the field and what is allowed. */
class ConfigValidationTest {

  private static final String PROVIDERS = TestConfigs.MINIMAL + """
      providers:
        - { id: openai, format: openai, base_url: https://api.openai.com/v1 }
        - { id: anthropic, format: anthropic, base_url: https://api.anthropic.com/v1 }
      """;

  @Test
  void unknown_provider_format() {
    String yaml = TestConfigs.MINIMAL + """
        providers:
          - { id: openai, format: openai, base_url: https://api.openai.com/v1 }
          - { id: az, format: azure, base_url: https://x.example.com/v1 }
        """;
    assertThat(TestConfigs.errors(yaml))
        .containsExactly("providers[1].format: must be one of openai, anthropic, gemini (was \"azure\")");
  }

  @Test
  void candidate_naming_an_undeclared_provider() {
    String yaml = PROVIDERS + "models: [{ id: m, candidates: [{ provider: foo }] }]\n";
    assertThat(TestConfigs.errors(yaml))
        .containsExactly("models[0].candidates[0].provider: unknown provider \"foo\" (declared: openai, anthropic)");
  }

  @Test
  void port_out_of_range() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { proxy: { port: 70000 } }\n"))
        .containsExactly("listeners.proxy.port: must be 0..65535 (was 70000)");
  }

  @Test
  void proxy_health_path_is_a_plain_path_outside_the_api() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { proxy: { health_path: /v1/health } }\n"))
        .singleElement().asString().startsWith("listeners.proxy.health_path: must be empty (off) or a path");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { proxy: { health_path: \"/lb/\" } }\n"))
        .hasSize(1);
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { admin: { health_path: /x } }\n"))
        .singleElement().asString().startsWith("listeners.admin.health_path");
  }

  @Test
  void bad_duration() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "routing: { total_timeout: 5 minutes }\n"))
        .containsExactly("routing.total_timeout: not a duration \"5 minutes\" (use e.g. 500ms, 30s, 5m, 1h)");
  }

  @Test
  void unknown_fields_are_errors_with_their_path() {
    String yaml = TestConfigs.MINIMAL + """
        routing: { max_atempts: 2 }
        provider: []
        """;
    assertThat(TestConfigs.errors(yaml)).containsExactly(
        "routing.max_atempts: unknown field (allowed: default_strategy, max_attempts, total_timeout,"
            + " calls_per_rotation, default_cooldown, ban)",
        "provider: unknown field (allowed: listeners, storage, admin, limits, headers, routing, providers,"
            + " models, gateway_keys, prices, billing, tracking, quotas, logging, health_checks, balances, alerts, cors,"
            + " proxy, model_limits)");
  }

  @Test
  void admin_section_is_optional_but_checked_when_given() {
    GatewayConfig c = TestConfigs.parse("listeners: {}\n");
    assertThat(c.admin().hasToken()).isFalse();
    assertThat(c.admin().hasPassword()).isFalse();
    assertThat(c.admin().username()).isEqualTo("admin");
    assertThat(c.admin().sessionTtl()).isEqualTo(java.time.Duration.ofHours(12));
    assertThat(c.admin().loginMaxFailures()).isEqualTo(5);
    assertThat(c.admin().loginWindow()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(TestConfigs.errors("admin: { token: short }\n"))
        .containsExactly("admin.token: must be at least 16 characters");
    assertThat(TestConfigs.errors("admin: { password: short, username: \"Bad Name\", session_ttl: 0 }\n"))
        .containsExactly(
            "admin.username: must be 1-64 of a-z 0-9 _ . @ - starting with a letter or digit (was \"Bad Name\")",
            "admin.password: must be 8..1024 characters",
            "admin.session_ttl: must be longer than 0 (was \"0\")");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      routing: { max_attempts: 0 }                 | routing.max_attempts: must be 1..100 (was 0)
      routing: { calls_per_rotation: 0 }           | routing.calls_per_rotation: must be >= 1 (was 0)
      routing: { default_strategy: fastest }       | routing.default_strategy: must be one of round_robin, random, weighted, priority, least_inflight, least_used, calls_per_rotation, most_headroom (was "fastest")
      routing: { total_timeout: 0s }               | routing.total_timeout: must be longer than 0 (was "0s")
      routing: { ban: { threshold: 0 } }           | routing.ban.threshold: must be >= 1 (was 0)
      routing: { ban: { status_codes: [401, 99] } }| routing.ban.status_codes[1]: must be an HTTP status 100..599 (was 99)
      routing: { ban: { duration: 1h, max_duration: 10m } } | routing.ban.max_duration: must be at least ban.duration (was 10m, duration is 1h)
      routing: { ban: { window: soon } }           | routing.ban.window: not a duration "soon" (use e.g. 500ms, 30s, 5m, 1h)
      limits: { max_body_bytes: 10MB }             | limits.max_body_bytes: not a size "10MB" (use e.g. 10485760, 512KiB, 10MiB)
      limits: { max_body_bytes: 0 }                | limits.max_body_bytes: must be larger than 0 (was "0")
      listeners: { admin: { host: "" } }           | listeners.admin.host: must not be empty (e.g. 0.0.0.0 for every interface, 127.0.0.1 for local only)
      listeners: { admin: { port: abc } }          | listeners.admin.port: must be a whole number (was "abc")
      listeners: { proxy: 8080 }                   | listeners.proxy: must be a mapping of fields (was a single value)
      storage: { url: "mysql://localhost/db" }     | storage.url: must start with jdbc:sqlite: or jdbc:postgresql:
      storage: { pool_size: 0 }                    | storage.pool_size: must be 1..1000 (was 0)
      storage: { encryption_key: not-base64! }     | storage.encryption_key: must be base64 of 16, 24 or 32 bytes (e.g. openssl rand -base64 32)
      headers: { forward: [accept, "bad header"] } | headers.forward[1]: not a header name or prefix* (was "bad header")
      headers: { forward: accept }                 | headers.forward: must be a list (was a single value)
      gateway_keys: [{ name: a, key: ak_short }]   | gateway_keys[0].key: must start with ak_ and be at least 20 characters without spaces
      gateway_keys: [{ key: ak_0123456789abcdefghij }] | gateway_keys[0].name: required
      gateway_keys: [{ name: a, key: ak_demo00000000000000000 }] | gateway_keys[0].key: is the example key once printed in keypool.example.yaml, known to anyone: set a value of your own (ak_$(openssl rand -hex 32)) or remove the entry
      models: [{ id: m }]                           | models[0].candidates: required: at least one { provider, model }
      models: [{ candidates: [{ provider: x }] }]  | models[0].id: required (the model name clients send)
      cors: { allowed_origins: ["https://app.example.com/chat"] } | cors.allowed_origins[0]: must be an origin: scheme, host and optional port, no path (e.g. https://keypool.example.com) or "*", was "https://app.example.com/chat"
      cors: { max_age: soon }                      | cors.max_age: not a duration "soon" (use e.g. 500ms, 30s, 5m, 1h)
      cors: { allowed_origin: ["*"] }              | cors.allowed_origin: unknown field (allowed: allowed_origins, max_age)
      """)
  void rule(String section, String message) {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + section + "\n")).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      { format: openai, base_url: https://x.example.com/v1 }                | providers[0].id: required (lower-case letters, digits, _ and -)
      { id: Open AI, format: openai, base_url: https://x.example.com/v1 }   | providers[0].id: must match [a-z0-9_-]+ (was "Open AI")
      { id: p, base_url: https://x.example.com/v1 }                         | providers[0].format: required (one of openai, anthropic, gemini)
      { id: p, format: palm, base_url: https://x.example.com/v1beta }       | providers[0].format: must be one of openai, anthropic, gemini (was "palm")
      { id: p, format: openai }                                             | providers[0].base_url: required unless a preset gives it (an http or https URL including the version prefix, e.g. https://api.openai.com/v1)
      { id: p, format: openai, base_url: ftp://x.example.com }              | providers[0].base_url: must be an http or https URL with a host and no credentials, query or fragment
      { id: p, format: openai, base_url: https://x.example.com, auth: basic } | providers[0].auth: must be one of bearer, x_api_key, x_goog_api_key, raw_authorization (was "basic")
      { id: p, format: openai, base_url: https://x.example.com, max_connections: 0 } | providers[0].max_connections: must be 1..100000 (was 0)
      { id: p, format: openai, base_url: https://x.example.com, timeouts: { idle: 1 week } } | providers[0].timeouts.idle: not a duration "1 week" (use e.g. 500ms, 30s, 5m, 1h)
      { id: p, format: openai, base_url: https://x.example.com, headers: { "bad name": v } } | providers[0].headers.bad name: not a valid header name
      { id: p, format: openai, base_url: https://x.example.com, keys: [{ secret: s }] } | providers[0].keys[0].name: required (letters, digits, '.', '_' and '-', up to 64)
      { id: p, format: openai, base_url: https://x.example.com, keys: [{ name: k }] } | providers[0].keys[0].secret: required (e.g. secret: ${OPENAI_API_KEY})
      { id: p, format: openai, base_url: https://x.example.com, keys: [{ name: k, secret: s, weight: 0 }] } | providers[0].keys[0].weight: must be 1..1000000 (was 0)
      { id: p, format: openai, base_url: https://x.example.com, keys: [{ name: k, secret: s, requests_per_minute: -1 }] } | providers[0].keys[0].requests_per_minute: must be >= 0 (was -1)
      { id: p, format: openai, base_url: https://x.example.com, keys: [{ name: k, secret: s, enabled: yes please }] } | providers[0].keys[0].enabled: must be true or false (was "yes please")
      """)
  void provider_rule(String provider, String message) {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "providers: [" + provider + "]\n")).contains(message);
  }

  @Test
  void duplicates_are_reported_with_both_places() {
    String yaml = TestConfigs.MINIMAL + """
        providers:
          - id: openai
            format: openai
            base_url: https://api.openai.com/v1
            keys: [{ name: k, secret: sk-same-secret }, { name: k, secret: sk-same-secret }]
          - { id: openai, format: openai, base_url: https://api.openai.com/v1 }
        models:
          - { id: m, candidates: [{ provider: openai }] }
          - { id: m, candidates: [{ provider: openai }] }
        gateway_keys:
          - { name: g, key: ak_0123456789abcdefghij }
          - { name: g, key: ak_0123456789abcdefghij }
        """;
    assertThat(TestConfigs.errors(yaml)).containsExactly(
        "providers[0].keys[1].name: duplicate key name \"k\" (also providers[0].keys[0].name)",
        "providers[0].keys[1].secret: duplicate key secret (also providers[0].keys[0].secret)",
        "providers[1].id: duplicate provider id \"openai\" (also providers[0].id)",
        "models[1].id: duplicate model id \"m\" (also models[0].id)",
        "gateway_keys[1].name: duplicate gateway key name \"g\" (also gateway_keys[0].name)",
        "gateway_keys[1].key: duplicate gateway key (also gateway_keys[0].key)");
  }

  @Test
  void several_errors_are_reported_together_one_per_line() {
    String yaml = """
        listeners: { proxy: { port: 70000 } }
        admin: { token: too-short }
        routing: { total_timeout: 5 minutes, max_attempts: 0 }
        providers:
          - { id: openai, format: azure, base_url: https://api.openai.com/v1 }
        models: [{ id: m, candidates: [{ provider: foo }] }]
        """;
    ConfigException e = null;
    try {
      TestConfigs.parse(yaml);
    } catch (ConfigException caught) {
      e = caught;
    }
    assertThat(e).isNotNull();
    assertThat(e.errors()).hasSize(6);
    assertThat(e.getMessage().lines()).containsExactlyElementsOf(e.errors());
    assertThat(e.getMessage()).contains(
        "listeners.proxy.port: must be 0..65535 (was 70000)",
        "admin.token: must be at least 16 characters",
        "routing.total_timeout: not a duration",
        "routing.max_attempts: must be 1..100 (was 0)",
        "providers[0].format: must be one of openai, anthropic, gemini (was \"azure\")",
        "models[0].candidates[0].provider: unknown provider \"foo\" (declared: openai)");
  }

  @Test
  void invalid_yaml_names_the_position() {
    assertThat(TestConfigs.errors("admin:\n  token: [unclosed\n")).singleElement().asString()
        .startsWith("(root): invalid YAML at line");
    assertThat(TestConfigs.errors("- just\n- a list\n"))
        .containsExactly("(root): the file must be a mapping of sections (listeners, storage, providers, ...)");
  }

  @Test
  void duplicate_yaml_keys_are_errors() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "limits: {}\nlimits: {}\n")).singleElement().asString()
        .contains("invalid YAML").contains("limits");
  }

  @Test
  void gateway_key_scopes_permissions_and_limits_are_checked_with_their_path() {
    String yaml = PROVIDERS + """
        gateway_keys:
          - name: ci
            key: ak_ci-value-0123456789
            allowed_providers: [openai, azure]
            allowed_ips: [10.0.0.0/33]
            permissions: [read, root]
            limits: { requests_per_week: 5 }
        """;
    assertThat(TestConfigs.errors(yaml)).containsExactly(
        "gateway_keys[0].allowed_ips: '10.0.0.0/33' has a prefix length outside 0-32",
        "gateway_keys[0].permissions: unknown permission 'root' (allowed: read, write, admin)",
        "gateway_keys[0].limits: unknown limit 'requests_per_week': use requests_per_<period>, tokens_per_<period>, "
            + "cost_usd_per_<period> (period: second, minute, hour, day, month) or concurrent",
        "gateway_keys[0].allowed_providers[1]: unknown provider 'azure' (configured: openai, anthropic)");
  }
}
