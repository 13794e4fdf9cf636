package dev.keypool.serverlog;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.keypool.config.LogFormat;
import dev.keypool.config.LoggingConfig;

/**
 * The console side of {@code logging}: in the JSON format, the console appender of {@code logback.xml}
 * ({@code STDOUT}) is replaced by one writing JSON lines; the {@code keypool.access} logger gets
 * outputs of its own, whether the access log is on or not (a reload may turn it on; while it is off
 * nothing is written to them) (the console behind a queue, so that an event
 * loop never waits for standard output, and the log file), and its lines stay out of the server log
 * the admin API shows, which is for the server's own events. {@link #detach} puts everything back.
 */
final class Outputs {
  private static final int ACCESS_QUEUE = 8_192;

  private final Logger root;
  private final Appender<ILoggingEvent> replacedConsole;
  private final Appender<ILoggingEvent> console;
  private final Logger access;
  private final AsyncAppender accessConsole;
  private final AsyncAppender file;

  private Outputs(Logger root, Appender<ILoggingEvent> replacedConsole, Appender<ILoggingEvent> console,
      Logger access, AsyncAppender accessConsole, AsyncAppender file) {
    this.root = root;
    this.replacedConsole = replacedConsole;
    this.console = console;
    this.access = access;
    this.accessConsole = accessConsole;
    this.file = file;
  }

  /** @param file the log file's appender, or null when there is no file */
  static Outputs attach(LoggerContext context, Logger root, LoggingConfig config, AsyncAppender file) {
    Appender<ILoggingEvent> replaced = null;
    Appender<ILoggingEvent> console = null;
    if (config.format() == LogFormat.JSON) {
      replaced = root.getAppender("STDOUT");
      console = console(context, "keypool-console", LogFormat.JSON);
      root.addAppender(console);
      if (replaced != null) {
        root.detachAppender(replaced);
      }
    }
    Logger access = context.getLogger(AccessLog.LOGGER);
    access.setAdditive(false);
    access.setLevel(Level.INFO);
    AsyncAppender accessConsole = new AsyncAppender();
    accessConsole.setContext(context);
    accessConsole.setName("keypool-access");
    accessConsole.setQueueSize(ACCESS_QUEUE);
    accessConsole.setDiscardingThreshold(0); // drop only when the queue is full, never by level
    accessConsole.setNeverBlock(true);
    accessConsole.addAppender(console(context, "keypool-access-console", config.format()));
    accessConsole.start();
    access.addAppender(accessConsole);
    if (file != null) {
      access.addAppender(file);
    }
    return new Outputs(root, replaced, console, access, accessConsole, file);
  }

  private static Appender<ILoggingEvent> console(LoggerContext context, String name, LogFormat format) {
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(context);
    out.setName(name);
    out.setEncoder(LogEncoders.start(context, format));
    out.start();
    return out;
  }

  void detach() {
    access.detachAppender(accessConsole);
    if (file != null) {
      access.detachAppender(file);
    }
    accessConsole.stop();
    access.setAdditive(true);
    access.setLevel(null);
    if (console != null) {
      if (replacedConsole != null) {
        root.addAppender(replacedConsole);
      }
      root.detachAppender(console);
      console.stop();
    }
  }
}
