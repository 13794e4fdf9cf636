package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No secret value may reach a log line: neither through toString() nor through a ConfigException. */
class SecretRedactionTest {

  private static final List<String> SECRETS = List.of(
      "admin-token-0123456789", "admin-password-xyz", "pg-password-xyz", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "sk-provider-secret", "ak_gateway0123456789abcdef", "header-credential-xyz", "url-password-xyz",
      "hook-token-xyz", "hook-signing-xyz", "smtp-password-xyz");

  private static final String YAML = """
      admin: { token: admin-token-0123456789, password: admin-password-xyz }
      storage:
        url: jdbc:postgresql://db/keypool?password=url-password-xyz
        password: pg-password-xyz
        encryption_key: AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
      providers:
        - id: p
          format: openai
          base_url: https://x.example.com/v1
          headers: { x-reseller-auth: header-credential-xyz }
          keys: [{ name: k, secret: sk-provider-secret }]
      gateway_keys: [{ name: g, key: ak_gateway0123456789abcdef }]
      alerts:
        channels:
          - { name: hook, type: webhook, url: "https://hooks.example.com/hook-token-xyz", secret: hook-signing-xyz }
          - name: mail
            type: email
            smtp: { host: smtp.example.com, username: u, password: smtp-password-xyz, from: a@example.com, to: [b@example.com] }
      """;

  @Test
  void to_string_of_the_whole_config_shows_no_secret() {
    String printed = ConfigLoader.parse(YAML, Map.of()).toString();

    assertThat(printed).contains("<redacted>", "x-reseller-auth");
    SECRETS.forEach(s -> assertThat(printed).doesNotContain(s));
  }

  @Test
  void error_messages_show_no_secret() {
    String yaml = YAML.replace("admin-token-0123456789", "short-secret").replace("admin-password-xyz", "shortpw")
        .replace("keys: [{ name: k, secret: sk-provider-secret }]",
            "keys: [{ name: k, secret: \" sk-provider-secret\" }, { name: k2, secret: \" sk-provider-secret\", sekret: x }]")
        .replace("ak_gateway0123456789abcdef", "ak_gateway-secret")
        .replace("encryption_key: AAEC", "encryption_key: ZZ%EC")
        .replace("url: jdbc:postgresql:", "url: jdbc:mysql:");
    List<String> errors = TestConfigs.errors(yaml, Map.of("KEYPOOL__PROVIDERS__0__KEYS__0__SECRET__X", "env-secret-value"));

    assertThat(errors).hasSizeGreaterThanOrEqualTo(7);
    String all = String.join("\n", errors);
    for (String s : List.of("short-secret", "shortpw", "sk-provider-secret", "ak_gateway-secret", "ZZ%EC", "url-password-xyz",
        "pg-password-xyz", "header-credential-xyz", "env-secret-value")) {
      assertThat(all).doesNotContain(s);
    }
  }

  @Test
  void yaml_syntax_errors_do_not_quote_the_offending_line() {
    List<String> errors = TestConfigs.errors("admin:\n  token: \"sk-leaky-secret\n  other: [\n");
    assertThat(String.join("\n", errors)).doesNotContain("sk-leaky-secret");
  }
}
