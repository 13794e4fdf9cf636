package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code logging} section: the root level, the recent entries kept, the optional rotated file. */
class LoggingConfigTest {

  @Test
  void by_default_no_file_the_level_of_logback_xml_and_2000_recent_entries() {
    LoggingConfig c = TestConfigs.parse(TestConfigs.MINIMAL).logging();
    assertThat(c).isEqualTo(new LoggingConfig(null, 2_000, null));
  }

  @Test
  void a_file_gets_the_rotation_defaults_and_the_fields_are_read() {
    LoggingConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        logging: { level: warn, recent_entries: 500, file: logs/keypool.log }
        """).logging();
    assertThat(c.level()).isEqualTo(LogLevel.WARN);
    assertThat(c.recentEntries()).isEqualTo(500);
    assertThat(c.file()).isEqualTo(new LoggingConfig.FileLog(Path.of("logs/keypool.log"), 50L * 1024 * 1024, 14,
        1024L * 1024 * 1024));

    LoggingConfig.FileLog tuned = TestConfigs.parse(TestConfigs.MINIMAL + """
        logging: { file: k.log, file_max_size: 10MiB, file_max_history: 3, file_total_size_cap: 100MiB }
        """).logging().file();
    assertThat(tuned).isEqualTo(new LoggingConfig.FileLog(Path.of("k.log"), 10L * 1024 * 1024, 3, 100L * 1024 * 1024));
  }

  @Test
  void json_lines_and_a_sampled_access_log_are_read() {
    LoggingConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        logging: { format: json, access: { sample: 0.25 } }
        """).logging();
    assertThat(c.format()).isEqualTo(LogFormat.JSON);
    assertThat(c.access()).isEqualTo(new LoggingConfig.AccessLog(true, 0.25));
    assertThat(TestConfigs.parse(TestConfigs.MINIMAL).logging().access().enabled()).isFalse();
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        logging: { format: xml, access: { sample: 1.5, to: syslog } }
        """, Map.of())).containsExactlyInAnyOrder(
        "logging.format: must be one of text, json (was \"xml\")",
        "logging.access.sample: must be at most 1 (a share of the successful requests)",
        "logging.access.to: unknown field (allowed: enabled, sample)");
  }

  @Test
  void the_level_can_be_set_from_the_environment() {
    LoggingConfig c = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of("KEYPOOL__LOGGING__LEVEL", "debug")).logging();
    assertThat(c.level()).isEqualTo(LogLevel.DEBUG);

    LoggingConfig shipped = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of("KEYPOOL__LOGGING__FORMAT", "json",
        "KEYPOOL__LOGGING__ACCESS__ENABLED", "true")).logging();
    assertThat(shipped.format()).isEqualTo(LogFormat.JSON);
    assertThat(shipped.access()).isEqualTo(new LoggingConfig.AccessLog(true, 1.0));
  }

  @Test
  void bad_values_are_named() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        logging: { level: loud, recent_entries: 5, file: logs/, file_max_history: 0, colour: red }
        """, Map.of())).containsExactlyInAnyOrder(
        "logging.level: must be one of trace, debug, info, warn, error (was \"loud\")",
        "logging.recent_entries: must be 100..100000 (was 5)",
        "logging.file: must name a file, not a directory (was \"logs/\")",
        "logging.file_max_history: must be 1..3650 (was 0)",
        "logging.colour: unknown field (allowed: level, recent_entries, file, file_max_size, file_max_history, "
            + "file_total_size_cap, format, access)");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        logging: { file: k.log, file_max_size: 10MiB, file_total_size_cap: 1MiB }
        """, Map.of())).containsExactly("logging.file_total_size_cap: must be at least file_max_size (10485760 bytes)");
  }
}
