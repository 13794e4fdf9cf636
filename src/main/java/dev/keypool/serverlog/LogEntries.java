package dev.keypool.serverlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.keypool.config.LogLevel;

/**
 * Turns a logging event into the bounded texts of a {@link LogEntry}: the formatted message, and the
 * throwable's stack trace written only up to its bound (a deep trace is never formatted whole).
 */
final class LogEntries {
  static final int MAX_MESSAGE = 2_000;
  static final int MAX_STACK = 4_000;
  static final int MAX_NAME = 120;
  /** Causes followed at most; a cycle or a very long chain stops here. */
  static final int MAX_CAUSES = 8;

  private LogEntries() {}

  static LogEntry of(long seq, ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    return new LogEntry(seq, event.getTimeStamp(), LogLevel.of(event.getLevel()), cut(event.getLoggerName(), MAX_NAME),
        cut(event.getThreadName(), MAX_NAME), cut(event.getFormattedMessage(), MAX_MESSAGE),
        thrown == null ? null : stack(thrown, MAX_STACK));
  }

  /** {@code text} if it fits in {@code max} characters, else its start and how much was left out. */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "... [" + (text.length() - end) + " more characters]";
  }

  /** The trace as Java prints it (causes, frames, common frames omitted), stopped once {@code max} is reached. */
  static String stack(IThrowableProxy thrown, int max) {
    Bounded out = new Bounded(max);
    int causes = 0;
    for (IThrowableProxy t = thrown; t != null && causes <= MAX_CAUSES && !out.full(); t = t.getCause(), causes++) {
      if (causes > 0) {
        out.append("Caused by: ");
      }
      out.append(t.getClassName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage());
      }
      out.append("\n");
      StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
      int own = frames.length - Math.max(0, t.getCommonFrames());
      for (int i = 0; i < own && !out.full(); i++) {
        out.append("\t").append(frames[i].getSTEAsString()).append("\n");
      }
      if (t.getCommonFrames() > 0) {
        out.append("\t... ").append(Integer.toString(t.getCommonFrames())).append(" common frames omitted\n");
      }
    }
    return out.text();
  }

  /** A string builder that keeps at most {@code max} characters and says so when it dropped some. */
  private static final class Bounded {
    private final StringBuilder b = new StringBuilder();
    private final int max;
    private boolean truncated;

    Bounded(int max) {
      this.max = max;
    }

    Bounded append(String s) {
      int room = max - b.length();
      if (s.length() <= room) {
        b.append(s);
      } else {
        int end = room > 0 && Character.isHighSurrogate(s.charAt(room - 1)) ? room - 1 : room;
        b.append(s, 0, Math.max(0, end));
        truncated = true;
      }
      return this;
    }

    boolean full() {
      return truncated || b.length() >= max;
    }

    String text() {
      return truncated ? b + "... [cut]" : b.toString();
    }
  }
}
