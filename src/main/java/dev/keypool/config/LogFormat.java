package dev.keypool.config;

/** How log lines are written to the console and the log file. */
public enum LogFormat {
  /** One human-readable line per entry (the default). */
  TEXT,
  /** One JSON object per line, for log shippers: logback's JSON encoder, key-value pairs as fields. */
  JSON
}
