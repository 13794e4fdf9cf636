package dev.keypool.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * The operator tools print their results on stdout, often for a script or a file ({@code --json},
 * {@code keys export}): the gateway's log lines go to stderr instead, and only from warnings up unless
 * KEYPOOL_LOG_LEVEL asks for more.
 */
public final class CliLogging {
  private CliLogging() {}

  public static void toStderr() {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return;
    }
    if (System.getenv("KEYPOOL_LOG_LEVEL") == null) {
      root.setLevel(Level.WARN);
    }
    root.iteratorForAppenders().forEachRemaining(appender -> {
      if (appender instanceof ConsoleAppender<?> console) {
        console.stop();
        console.setTarget("System.err");
        console.start();
      }
    });
  }
}
