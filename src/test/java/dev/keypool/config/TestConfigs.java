package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

/** Small YAML documents and helpers shared by the configuration tests. */
final class TestConfigs {

  static final String ADMIN_TOKEN = "admin-token-0123456789";

  /** The least a valid file needs: the admin token. */
  static final String MINIMAL = "admin: { token: " + ADMIN_TOKEN + " }\n";

  /** One provider with one key and one route. */
  static final String ONE_PROVIDER = MINIMAL + """
      providers:
        - id: openai
          format: openai
          base_url: https://api.openai.com/v1/
          keys:
            - { name: k1, secret: sk-secret-value-1 }
      models:
        - id: gpt-4o-mini
          candidates: [{ provider: openai }]
      """;

  private TestConfigs() {}

  static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  /** The errors that loading {@code yaml} with {@code env} reports. */
  static List<String> errors(String yaml, Map<String, String> env) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, env))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0].errors();
  }

  static List<String> errors(String yaml) {
    return errors(yaml, Map.of());
  }
}
