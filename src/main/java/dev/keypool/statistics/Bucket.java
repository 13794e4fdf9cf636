package dev.keypool.statistics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The width of a timeline point; every boundary is in UTC, and weeks start on Monday (ISO-8601). */
public enum Bucket {
  HOUR,
  DAY,
  WEEK,
  MONTH;

  /** The start of the bucket holding {@code t}. */
  Instant truncate(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    return switch (this) {
      case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
      case WEEK -> z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
      case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
    };
  }

  /** The start of the bucket after the one starting at {@code start}. */
  Instant next(Instant start) {
    ZonedDateTime z = start.atZone(ZoneOffset.UTC);
    return switch (this) {
      case HOUR -> z.plusHours(1).toInstant();
      case DAY -> z.plusDays(1).toInstant();
      case WEEK -> z.plusWeeks(1).toInstant();
      case MONTH -> z.plusMonths(1).toInstant();
    };
  }
}
