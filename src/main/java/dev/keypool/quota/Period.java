package dev.keypool.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The length of a limit's window. Windows are fixed and aligned to calendar boundaries in UTC:
 * seconds, minutes and hours on the clock; days start at the configured daily reset time, and months
 * on the 1st at that same time (so with a 07:00 reset, the day of 5 May runs 07:00 5 May to 07:00
 * 6 May, and May runs 07:00 1 May to 07:00 1 June).
 */
public enum Period {
  SECOND("second"),
  MINUTE("minute"),
  HOUR("hour"),
  DAY("day"),
  MONTH("month");

  /** The daily reset time when none is configured: midnight UTC. */
  public static final LocalTime DEFAULT_DAILY_RESET = LocalTime.MIDNIGHT;

  private final String label;

  Period(String label) {
    this.label = label;
  }

  /** The word used in refusal messages ("60 requests per minute"). */
  public String label() {
    return label;
  }

  /** The window containing {@code now}, given the daily reset time in UTC. */
  public Window window(Instant now, LocalTime dailyReset) {
    return switch (this) {
      case SECOND -> fixed(now, ChronoUnit.SECONDS);
      case MINUTE -> fixed(now, ChronoUnit.MINUTES);
      case HOUR -> fixed(now, ChronoUnit.HOURS);
      case DAY -> day(now, dailyReset);
      case MONTH -> month(now, dailyReset);
    };
  }

  private static Window fixed(Instant now, ChronoUnit unit) {
    Instant start = now.truncatedTo(unit);
    return new Window(start, start.plus(1, unit));
  }

  private static Window day(Instant now, LocalTime reset) {
    ZonedDateTime start = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(reset).atZone(ZoneOffset.UTC);
    if (start.toInstant().isAfter(now)) {
      start = start.minusDays(1);
    }
    return new Window(start.toInstant(), start.plusDays(1).toInstant());
  }

  private static Window month(Instant now, LocalTime reset) {
    ZonedDateTime start =
        LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atTime(reset).atZone(ZoneOffset.UTC);
    if (start.toInstant().isAfter(now)) {
      start = start.minusMonths(1);
    }
    return new Window(start.toInstant(), start.plusMonths(1).toInstant());
  }
}
