package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ConfigOrigins.Kind;
import dev.keypool.config.ConfigOrigins.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader records, per field path, whether the file or the environment gave the value. */
class ConfigOriginsTest {

  static final String YAML = TestConfigs.ONE_PROVIDER + """
      listeners: { proxy: { port: 8181 } }
      storage: { url: "jdbc:sqlite:${DATA_DIR:-data}/keypool.db" }
      routing: { max_attempts: 4 }
      headers: { forward: [accept, content-type] }
      """;

  @Test
  void file_values_interpolated_values_overrides_and_defaults_are_told_apart() {
    GatewayConfig c = ConfigLoader.parse(YAML.replace("sk-secret-value-1", "\"${OPENAI_KEY}\""), Map.of(
        "OPENAI_KEY", "sk-from-the-environment",
        "KEYPOOL__ROUTING__MAX_ATTEMPTS", "5",
        "KEYPOOL__LIMITS__BODY_TIMEOUT", "30s",
        "KEYPOOL__HEADERS__FORWARD", "[accept]"));
    ConfigOrigins o = c.origins();

    assertThat(o.file()).isNull();
    assertThat(o.of("listeners.proxy.port")).contains(Origin.FILE);
    assertThat(o.of("providers[0].keys[0].secret")).contains(new Origin(Kind.ENV, "OPENAI_KEY"));
    assertThat(o.of("storage.url")).as("the file's own fallback of an unset variable").contains(Origin.FILE);
    assertThat(o.of("routing.max_attempts")).contains(new Origin(Kind.ENV, "KEYPOOL__ROUTING__MAX_ATTEMPTS"));
    assertThat(o.of("limits.body_timeout")).contains(new Origin(Kind.ENV, "KEYPOOL__LIMITS__BODY_TIMEOUT"));
    assertThat(o.of("limits.header_timeout")).as("a default").isEmpty();
    assertThat(o.of("listeners.admin.port")).isEmpty();
    assertThat(o.of("headers.forward[1]")).as("the file's list was replaced as a whole").isEmpty();
    assertThat(o.within("headers.forward")).contains(new Origin(Kind.ENV, "KEYPOOL__HEADERS__FORWARD"));
    assertThat(c.routing().maxAttempts()).as("values are bound as before").isEqualTo(5);
  }

  @Test
  void a_set_variable_with_a_fallback_counts_as_the_environment() {
    ConfigOrigins o = ConfigLoader.parse(YAML, Map.of("DATA_DIR", "/srv")).origins();
    assertThat(o.of("storage.url")).contains(new Origin(Kind.ENV, "DATA_DIR"));
  }

  @Test
  void a_list_or_mapping_takes_the_environment_from_anything_below_it() {
    ConfigOrigins o = ConfigLoader.parse(TestConfigs.ONE_PROVIDER, Map.of(
        "KEYPOOL__PROVIDERS__0__KEYS__1__NAME", "k2",
        "KEYPOOL__PROVIDERS__0__KEYS__1__SECRET", "sk-second")).origins();
    assertThat(o.within("providers[0].keys[1]")).map(Origin::kind).contains(Kind.ENV);
    assertThat(o.within("providers[0].keys[0]")).contains(Origin.FILE);
    assertThat(o.within("providers[0].keys")).map(Origin::kind).contains(Kind.ENV);
    assertThat(o.within("providers[0].key")).as("a sibling with a common prefix is not below").isEqualTo(Optional.empty());
  }

  @Test
  void a_loaded_file_is_named_as_given(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keypool.yaml");
    Files.writeString(file, TestConfigs.MINIMAL);
    assertThat(ConfigLoader.load(file, Map.of()).origins().file()).isEqualTo(file.toString());
  }
}
