package dev.keypool.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The days-left arithmetic: cost per day over the rollup windows, and the balance over it. */
class DaysLeftTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:30:00Z"));

  @Test
  void the_cost_per_day_divides_by_the_whole_rollup_window() {
    Instant now = clock.instant();
    Instant day = RecordedCost.windowStart(now, 24);
    assertThat(day).as("whole hours: the window never starts inside an hour").isEqualTo("2026-02-28T12:00:00Z");
    // $49 over 24.5 hours is $48 a day.
    assertThat(DaysLeft.perDay(new BigDecimal("49"), day, now)).isEqualByComparingTo("48");

    clock.advance(Duration.ofMinutes(30));
    Instant week = RecordedCost.windowStart(clock.instant(), 24 * 7);
    assertThat(week).isEqualTo("2026-02-22T13:00:00Z");
    assertThat(DaysLeft.perDay(new BigDecimal("70"), week, clock.instant())).isEqualByComparingTo("10");
  }

  @Test
  void days_left_is_the_balance_over_the_cost_per_day() {
    assertThat(DaysLeft.days(new BigDecimal("100"), new BigDecimal("36"))).isEqualByComparingTo("2.8");
    assertThat(DaysLeft.days(new BigDecimal("100"), new BigDecimal("0.000001"))).isEqualByComparingTo("100000000");
    assertThat(DaysLeft.days(new BigDecimal("-3"), new BigDecimal("10"))).as("a debt lasts no day").isEqualByComparingTo("0");
    assertThat(DaysLeft.days(new BigDecimal("100"), BigDecimal.ZERO)).as("nothing spent: no end in sight").isNull();
    assertThat(DaysLeft.days(null, BigDecimal.TEN)).as("no balance in dollars").isNull();
  }
}
