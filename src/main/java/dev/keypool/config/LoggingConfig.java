package dev.keypool.config;

import java.nio.file.Path;

/**
 * The server's own log: its root {@code level} (null leaves the level of {@code logback.xml}, which
 * reads {@code KEYPOOL_LOG_LEVEL}, default INFO), how many recent entries are kept in memory for the
 * admin API ({@code recentEntries}), and an optional rotated file.
 *
 * @param file null when file logging is off
 */
public record LoggingConfig(LogLevel level, int recentEntries, FileLog file) {

  /**
   * A log file rolled daily and whenever it reaches {@code maxSize} bytes; rolled files (compressed)
   * are kept for {@code maxHistory} days and deleted oldest first past {@code totalSizeCap} bytes.
   */
  public record FileLog(Path path, long maxSize, int maxHistory, long totalSizeCap) {}
}
