package dev.keypool.serverlog;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.keypool.config.LogFormat;

/** The encoders of {@code logging.format}: the text pattern of {@code logback.xml}, or one JSON object per line. */
final class LogEncoders {
  /** As the console's, in {@code logback.xml}. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n";

  private LogEncoders() {}

  /** A started encoder for {@code format}. */
  static Encoder<ILoggingEvent> start(LoggerContext context, LogFormat format) {
    Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? json() : text();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setPattern(PATTERN);
    return encoder;
  }

  /**
   * Logback's own JSON encoder, trimmed to what a log shipper reads: timestamp, level, thread, logger,
   * the formatted message, MDC and key-value pairs (an access line's fields, a request's id), and the
   * stack trace. The raw message template and its arguments are left out: the formatted message
   * already holds them, and arguments could repeat a value the message deliberately shortened.
   */
  private static Encoder<ILoggingEvent> json() {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    return encoder;
  }
}
