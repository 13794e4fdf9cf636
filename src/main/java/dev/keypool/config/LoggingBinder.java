package dev.keypool.config;

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
    r.finish();
    if (file.isEmpty()) {
      return new LoggingConfig(level, recent, null);
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      r.errors().add(r.path("file"), "not a file path (was \"" + file + "\")");
      return new LoggingConfig(level, recent, null);
    }
    if (path.getFileName() == null || file.endsWith("/")) {
      r.errors().add(r.path("file"), "must name a file, not a directory (was \"" + file + "\")");
      return new LoggingConfig(level, recent, null);
    }
    if (totalCap < maxSize) {
      r.errors().add(r.path("file_total_size_cap"), "must be at least file_max_size (" + maxSize + " bytes)");
    }
    return new LoggingConfig(level, recent, new LoggingConfig.FileLog(path, maxSize, maxHistory, totalCap));
  }
}
