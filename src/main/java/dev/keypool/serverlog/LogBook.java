package dev.keypool.serverlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.keypool.config.ConfigDefaults;
import dev.keypool.live.LiveFeed;

/**
 * The server's recent log lines, for the admin API: a {@link LogRing} of the last entries and a
 * {@link LiveFeed} of each new one. One per process, as logging is: {@link RingAppender} (declared in
 * {@code logback.xml}) fills {@link #shared()}; each gateway started in the process reads it.
 */
public final class LogBook {
  private static final LogBook SHARED = new LogBook(new LogRing(ConfigDefaults.LOG_RECENT_ENTRIES));

  private final LogRing ring;
  private final LiveFeed<LogEntry> live = new LiveFeed<>();

  LogBook(LogRing ring) {
    this.ring = ring;
  }

  public static LogBook shared() {
    return SHARED;
  }

  public LogRing ring() {
    return ring;
  }

  public LiveFeed<LogEntry> live() {
    return live;
  }

  /** Called on the logging thread: a bounded copy into the ring, and a hand-off to live watchers. */
  void record(ILoggingEvent event) {
    if (LogMarkers.consoleOnly(event)) {
      return;
    }
    live.publish(ring.add(event));
  }
}
