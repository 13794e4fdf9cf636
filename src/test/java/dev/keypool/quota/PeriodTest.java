package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Window boundaries of each period, with the default midnight reset and a 07:00 reset. */
class PeriodTest {
  private static final LocalTime SEVEN = LocalTime.of(7, 0);

  @Test
  void clock_periods_align_to_their_unit() {
    Instant t = Instant.parse("2030-05-14T10:17:42.250Z");
    assertThat(Period.SECOND.window(t, SEVEN)).isEqualTo(window("2030-05-14T10:17:42Z", "2030-05-14T10:17:43Z"));
    assertThat(Period.MINUTE.window(t, SEVEN)).isEqualTo(window("2030-05-14T10:17:00Z", "2030-05-14T10:18:00Z"));
    assertThat(Period.HOUR.window(t, SEVEN)).isEqualTo(window("2030-05-14T10:00:00Z", "2030-05-14T11:00:00Z"));
  }

  @Test
  void a_day_starts_at_the_reset_time() {
    assertThat(Period.DAY.window(Instant.parse("2030-05-14T06:59:59.999Z"), SEVEN))
        .isEqualTo(window("2030-05-13T07:00:00Z", "2030-05-14T07:00:00Z"));
    assertThat(Period.DAY.window(Instant.parse("2030-05-14T07:00:00Z"), SEVEN))
        .isEqualTo(window("2030-05-14T07:00:00Z", "2030-05-15T07:00:00Z"));
    assertThat(Period.DAY.window(Instant.parse("2030-05-14T23:59:59Z"), Period.DEFAULT_DAILY_RESET))
        .isEqualTo(window("2030-05-14T00:00:00Z", "2030-05-15T00:00:00Z"));
  }

  @Test
  void a_month_starts_on_the_first_at_the_reset_time() {
    assertThat(Period.MONTH.window(Instant.parse("2030-03-01T06:00:00Z"), SEVEN))
        .isEqualTo(window("2030-02-01T07:00:00Z", "2030-03-01T07:00:00Z"));
    assertThat(Period.MONTH.window(Instant.parse("2030-12-31T23:00:00Z"), SEVEN))
        .isEqualTo(window("2030-12-01T07:00:00Z", "2031-01-01T07:00:00Z"));
    assertThat(Period.MONTH.window(Instant.parse("2030-01-01T00:00:00Z"), Period.DEFAULT_DAILY_RESET))
        .isEqualTo(window("2030-01-01T00:00:00Z", "2030-02-01T00:00:00Z"));
  }

  private static Window window(String start, String end) {
    return new Window(Instant.parse(start), Instant.parse(end));
  }
}
