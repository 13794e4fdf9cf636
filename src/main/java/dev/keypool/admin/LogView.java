package dev.keypool.admin;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keypool.serverlog.LogEntry;
import java.time.Instant;

/**
 * One entry of the server's log as {@code GET /api/logs} and its live view show it; the logger's name
 * shortened as on the console ({@code d.k.server.Gateway}).
 *
 * @param stack the throwable's stack trace, cut short; null when none was logged
 */
record LogView(long seq, Instant time, String level, String logger, String thread, String message, String stack) {
  /** As the console's {@code %logger{20}}. */
  private static final Abbreviator LOGGER = new TargetLengthBasedClassNameAbbreviator(20);

  static LogView of(LogEntry e) {
    return new LogView(e.seq(), Instant.ofEpochMilli(e.epochMillis()), e.level().name(), LOGGER.abbreviate(e.logger()),
        e.thread(), e.message(), e.stack());
  }

  /** The entry as one line of JSON, for a server-sent event. */
  static String json(LogEntry e) {
    try {
      return AdminJson.MAPPER.writeValueAsString(of(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("log entry " + e.seq() + " cannot be written", ex);
    }
  }
}
