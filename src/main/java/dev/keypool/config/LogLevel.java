package dev.keypool.config;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/** The levels of the server's log, least severe first; the admin API and the configuration name them. */
public enum LogLevel {
  TRACE(Level.TRACE),
  DEBUG(Level.DEBUG),
  INFO(Level.INFO),
  WARN(Level.WARN),
  ERROR(Level.ERROR);

  private final Level logback;

  LogLevel(Level logback) {
    this.logback = logback;
  }

  public Level logback() {
    return logback;
  }

  /** The level of a logback event (anything above ERROR counts as ERROR). */
  public static LogLevel of(Level level) {
    int n = level.toInt();
    if (n >= Level.ERROR_INT) {
      return ERROR;
    }
    if (n >= Level.WARN_INT) {
      return WARN;
    }
    if (n >= Level.INFO_INT) {
      return INFO;
    }
    return n >= Level.DEBUG_INT ? DEBUG : TRACE;
  }

  /** The level named {@code name} in any case, or null when it names none. */
  public static LogLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean atLeast(LogLevel other) {
    return compareTo(other) >= 0;
  }
}
