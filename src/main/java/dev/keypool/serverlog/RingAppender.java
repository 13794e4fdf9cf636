package dev.keypool.serverlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The logback appender behind {@code GET /api/logs}: copies each event into {@link LogBook#shared()}.
 * Unsynchronized (logback's synchronized base would make every logging thread queue on one lock); the
 * work per event is a bounded copy and a lock-free store, and lines marked
 * {@link LogMarkers#CONSOLE_ONLY} are left out.
 */
public final class RingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent event) {
    LogBook.shared().record(event);
  }
}
