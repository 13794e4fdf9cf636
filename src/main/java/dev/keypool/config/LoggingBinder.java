package dev.keypool.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Binds the {@code logging} section to {@link LoggingConfig}. */
final class LoggingBinder {
  private LoggingBinder() {}

  static LoggingConfig bind(FieldReader r) {
    // Optional without a default of its own: absent, the level of logback.xml stays.
    LogLevel level = r.has("level") ? r.choice("level", LogLevel.class, LogLevel.INFO) : null;
    int recent = r.integer("recent_entries", ConfigDefaults.LOG_RECENT_ENTRIES, 100, 100_000);
    String file = r.string("file", "").trim();
    long maxSize = r.bytes("file_max_size", ConfigDefaults.LOG_FILE_MAX_SIZE);
    int maxHistory = r.integer("file_max_history", ConfigDefaults.LOG_FILE_MAX_HISTORY, 1, 3650);
    long totalCap = r.bytes("file_total_size_cap", ConfigDefaults.LOG_FILE_TOTAL_SIZE_CAP);
    LogFormat format = r.choice("format", LogFormat.class, LogFormat.TEXT);
    LoggingConfig.AccessLog access = r.has("access") ? access(r.object("access")) : LoggingConfig.AccessLog.OFF;
    r.finish();
    if (file.isEmpty()) {
      return new LoggingConfig(level, recent, null, format, access);
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      r.errors().add(r.path("file"), "not a file path (was \"" + file + "\")");
      return new LoggingConfig(level, recent, null, format, access);
    }
    if (path.getFileName() == null || file.endsWith("/")) {
      r.errors().add(r.path("file"), "must name a file, not a directory (was \"" + file + "\")");
      return new LoggingConfig(level, recent, null, format, access);
    }
    if (totalCap < maxSize) {
      r.errors().add(r.path("file_total_size_cap"), "must be at least file_max_size (" + maxSize + " bytes)");
    }
    return new LoggingConfig(level, recent, new LoggingConfig.FileLog(path, maxSize, maxHistory, totalCap), format,
        access);
  }

  private static LoggingConfig.AccessLog access(FieldReader r) {
    boolean enabled = r.bool("enabled", true);
    BigDecimal sample = r.decimal("sample", BigDecimal.ONE, "a share of the successful requests, 0..1");
    if (sample.compareTo(BigDecimal.ONE) > 0) {
      r.errors().add(r.path("sample"), "must be at most 1 (a share of the successful requests)");
    }
    r.finish();
    return new LoggingConfig.AccessLog(enabled, Math.min(1.0, sample.doubleValue()));
  }
}
