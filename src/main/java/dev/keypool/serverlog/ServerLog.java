package dev.keypool.serverlog;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.keypool.config.LoggingConfig;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The {@code logging} configuration applied to this process's logging for as long as a gateway runs:
 * the root level, the size of the recent entries kept for the admin API, and the optional log file.
 * {@link #close} detaches the file and puts the level back.
 */
public final class ServerLog implements AutoCloseable {
  private final LogBook book;
  private final Path file;
  private final Logger root;
  private final Level previousLevel;
  private final AsyncAppender fileAppender;
  private final Outputs outputs;

  private ServerLog(LogBook book, Path file, Logger root, Level previousLevel, AsyncAppender fileAppender,
      Outputs outputs) {
    this.book = book;
    this.file = file;
    this.root = root;
    this.previousLevel = previousLevel;
    this.fileAppender = fileAppender;
    this.outputs = outputs;
  }

  /** Applies {@code config}; throws when the log file cannot be opened. */
  public static ServerLog start(LoggingConfig config) {
    LogBook book = LogBook.shared();
    book.ring().resize(config.recentEntries());
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new ServerLog(book, null, null, null, null, null); // another SLF4J binding: nothing of ours to set
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous = root.getLevel();
    AsyncAppender appender = config.file() == null ? null : LogFile.start(context, config.file(), config.format());
    if (config.level() != null) {
      root.setLevel(config.level().logback());
    }
    if (appender != null) {
      root.addAppender(appender);
    }
    Outputs outputs = Outputs.attach(context, root, config, appender);
    return new ServerLog(book, appender == null ? null : config.file().path(), root, previous, appender, outputs);
  }

  /**
   * Takes a reloaded file's root level (none: the level before start). The file, its rotation, the
   * format and the recent entries' size stay as started: swapping appenders under loggers that other
   * threads write to, or resizing the ring they write into, could lose or garble lines.
   */
  public void apply(LoggingConfig next) {
    if (root != null) {
      root.setLevel(next.level() != null ? next.level().logback() : previousLevel);
    }
  }

  /** The recent entries and the live feed. */
  public LogBook book() {
    return book;
  }

  /** The log file being written, or null when file logging is off. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (outputs != null) {
      outputs.detach();
    }
    if (fileAppender != null) {
      root.detachAppender(fileAppender);
      fileAppender.stop(); // writes what is queued, then closes the file
    }
    if (root != null) {
      root.setLevel(previousLevel);
    }
  }
}
