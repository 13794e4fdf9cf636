package dev.keypool.config;

import java.nio.file.Path;

/**
 * The server's own log: its root {@code level} (null leaves the level of {@code logback.xml}, which
 * reads {@code KEYPOOL_LOG_LEVEL}, default INFO), how many recent entries are kept in memory for the
 * admin API ({@code recentEntries}), and an optional rotated file.
 *
 * @param file null when file logging is off
 * @param format how lines are written to the console and the file
 * @param access the access log, one line per proxied request
 */
public record LoggingConfig(LogLevel level, int recentEntries, FileLog file, LogFormat format, AccessLog access) {

  /** As before the format and access log existed: text lines, no access log. */
  public LoggingConfig(LogLevel level, int recentEntries, FileLog file) {
    this(level, recentEntries, file, LogFormat.TEXT, AccessLog.OFF);
  }

  /**
   * A log file rolled daily and whenever it reaches {@code maxSize} bytes; rolled files (compressed)
   * are kept for {@code maxHistory} days and deleted oldest first past {@code totalSizeCap} bytes.
   */
  public record FileLog(Path path, long maxSize, int maxHistory, long totalSizeCap) {}

  /**
   * One line per proxied request on the {@code keypool.access} logger (console, and the log file when
   * there is one): ids, model, provider key name, status, failure class, latency, tokens and cost;
   * never a secret or a prompt.
   *
   * @param sample the share (0..1) of successful requests logged; failures and aborts are always logged
   */
  public record AccessLog(boolean enabled, double sample) {
    public static final AccessLog OFF = new AccessLog(false, 1.0);
  }
}
