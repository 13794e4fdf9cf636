package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsAndSizesTest {

  @ParameterizedTest
  @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "2d, 172800000", "45, 45000", "0, 0", "' 10s ', 10000"})
  void durations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 minutes", "1.5s", "-1s", "10w", "", "PT5S", "1h30m"})
  void bad_durations(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .hasMessage("not a duration \"" + text + "\" (use e.g. 500ms, 30s, 5m, 1h)");
  }

  @ParameterizedTest
  @CsvSource({"500ms, 500ms", "30s, 30s", "300s, 5m", "7200s, 2h", "172800s, 2d", "0s, 0s", "90s, 90s"})
  void durations_format_back_to_the_shortest_form(String text, String formatted) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(formatted);
  }

  @ParameterizedTest
  @CsvSource({"10485760, 10485760", "10MiB, 10485760", "512KiB, 524288", "1GiB, 1073741824", "100B, 100", "'2 MiB', 2097152"})
  void sizes(String text, long bytes) {
    assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10MB", "10 megabytes", "1.5MiB", "-1", "", "kib"})
  void bad_sizes(String text) {
    assertThatThrownBy(() -> ByteSizes.parse(text))
        .hasMessage("not a size \"" + text + "\" (use e.g. 10485760, 512KiB, 10MiB)");
  }
}
