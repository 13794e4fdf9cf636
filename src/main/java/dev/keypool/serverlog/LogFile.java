package dev.keypool.serverlog;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import dev.keypool.config.LogFormat;
import dev.keypool.config.LoggingConfig;

/**
 * The optional log file ({@code logging.file}), built from the validated configuration: a rolling file
 * (daily and by size, rolled files compressed, kept for a number of days and a total size) written by
 * a thread of its own behind a bounded queue, so a slow disk never holds up an event loop; when the
 * queue is full, lines are dropped rather than waited for (INFO and below first). Console-only lines
 * ({@link LogMarkers#CONSOLE_ONLY}) are not written: the file can be downloaded by viewers.
 */
final class LogFile {
  private static final int QUEUE = 8_192;

  private LogFile() {}

  /** A started appender writing to {@code file}; throws when the file cannot be opened. */
  static AsyncAppender start(LoggerContext context, LoggingConfig.FileLog file, LogFormat format) {
    String path = file.path().toString();
    Encoder<ILoggingEvent> encoder = LogEncoders.start(context, format);

    RollingFileAppender<ILoggingEvent> writer = new RollingFileAppender<>();
    writer.setContext(context);
    writer.setName("keypool-file-writer");
    writer.setFile(path);
    writer.setEncoder(encoder);
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(writer);
    policy.setFileNamePattern(path + ".%d{yyyy-MM-dd,UTC}.%i.gz"); // days in UTC, as the lines are
    policy.setMaxFileSize(new FileSize(file.maxSize()));
    policy.setMaxHistory(file.maxHistory());
    policy.setTotalSizeCap(new FileSize(file.totalSizeCap()));
    policy.start();
    writer.setRollingPolicy(policy);
    writer.start();
    if (!writer.isStarted()) {
      policy.stop();
      throw new IllegalStateException("logging.file: cannot write the log file " + path
          + " (check that its directory can be created and written)");
    }

    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("keypool-file");
    async.setQueueSize(QUEUE);
    async.setNeverBlock(true);
    async.addFilter(new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        return LogMarkers.consoleOnly(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
      }
    });
    async.addAppender(writer);
    async.start();
    return async;
  }
}
