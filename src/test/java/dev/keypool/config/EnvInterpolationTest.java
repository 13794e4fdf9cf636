package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvInterpolationTest {

  private static final String YAML = """
      admin: { token: "${ADMIN_TOKEN}" }
      listeners: { proxy: { host: "${HOST:-127.0.0.1}", port: "${PORT:-8081}" } }
      storage: { url: "jdbc:sqlite:${DATA_DIR:-data}/keypool.db" }
      """;

  @Test
  void variables_are_replaced_and_defaults_apply_when_unset_or_empty() {
    GatewayConfig c = ConfigLoader.parse(YAML, Map.of("ADMIN_TOKEN", "from-env-admin-token", "HOST", ""));

    assertThat(c.admin().token()).isEqualTo("from-env-admin-token");
    assertThat(c.listeners().proxy().host()).isEqualTo("127.0.0.1");
    assertThat(c.listeners().proxy().port()).isEqualTo(8081);
    assertThat(c.storage().url()).isEqualTo("jdbc:sqlite:data/keypool.db");
  }

  @Test
  void set_variables_win_over_defaults() {
    GatewayConfig c = ConfigLoader.parse(YAML,
        Map.of("ADMIN_TOKEN", "from-env-admin-token", "PORT", "9999", "DATA_DIR", "/var/lib/keypool"));

    assertThat(c.listeners().proxy().port()).isEqualTo(9999);
    assertThat(c.storage().url()).isEqualTo("jdbc:sqlite:/var/lib/keypool/keypool.db");
  }

  @Test
  void a_missing_variable_without_default_names_the_field_and_the_variable() {
    String yaml = TestConfigs.MINIMAL + """
        providers:
          - id: openai
            format: openai
            base_url: https://api.openai.com/v1
            keys: [{ name: k, secret: "${OPENAI_KEY_1}" }]
        """;
    assertThat(TestConfigs.errors(yaml)).containsExactly(
        "providers[0].keys[0].secret: environment variable OPENAI_KEY_1 is not set"
            + " (use ${OPENAI_KEY_1:-default} for a fallback)",
        "providers[0].keys[0].secret: required (e.g. secret: ${OPENAI_API_KEY})");
  }

  @Test
  void list_items_are_interpolated_and_dollar_dollar_escapes() {
    GatewayConfig c = ConfigLoader.parse(TestConfigs.MINIMAL + """
        headers: { forward: ["${EXTRA}", accept] }
        providers:
          - { id: p, format: openai, base_url: https://x.example.com, keys: [{ name: k, secret: "a$${b}" }] }
        """, Map.of("EXTRA", "x-request-id"));

    assertThat(c.headers().forward()).containsExactly("x-request-id", "accept");
    assertThat(c.provider("p").keys().get(0).secret()).isEqualTo("a${b}");
  }

  @Test
  void malformed_references_are_errors() {
    assertThat(TestConfigs.errors("admin: { token: \"${1BAD}-0123456789abcdef\" }\n"))
        .containsExactly("admin.token: bad variable reference ${1BAD} (write ${NAME} or ${NAME:-default})");
    assertThat(TestConfigs.errors("admin: { token: \"${OPEN-0123456789abcdef\" }\n"))
        .containsExactly("admin.token: unterminated ${ (write ${NAME} or ${NAME:-default})");
  }

  @Test
  void values_from_the_environment_are_not_interpolated_again() {
    GatewayConfig c = ConfigLoader.parse("admin: { token: \"${T}\" }\n", Map.of("T", "${NOT_A_REF}-0123456789"));
    assertThat(c.admin().token()).isEqualTo("${NOT_A_REF}-0123456789");
  }
}
