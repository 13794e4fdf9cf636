package dev.keypool.admin;

import dev.keypool.config.LogLevel;
import dev.keypool.serverlog.LogEntry;
import dev.keypool.serverlog.LogRing;
import dev.keypool.serverlog.ServerLog;
import dev.keypool.storage.Blocking;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The server's own log: {@code GET /api/logs} (the recent entries kept in memory, paged by sequence),
 * {@code GET /api/logs/live} (new entries as server-sent events, see {@link LiveEvents}) and
 * {@code GET /api/logs/file} (the current log file, when {@code logging.file} is set).
 */
final class LogRoutes {
  static final int DEFAULT_LIMIT = 200;
  static final int MAX_LIMIT = 2_000;
  /** Entries that may wait for one live watcher; more are dropped rather than held. */
  static final int BUFFER = 1_000;
  private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final ServerLog serverLog;
  private final LiveEvents events;
  private final Blocking blocking;
  private final Vertx vertx;

  LogRoutes(ServerLog serverLog, LiveEvents events, Blocking blocking, Vertx vertx) {
    this.serverLog = serverLog;
    this.events = events;
    this.blocking = blocking;
    this.vertx = vertx;
  }

  /**
   * The page of {@code GET /api/logs}: entries oldest first; {@code next} is the {@code after} of the next call;
   * {@code file} the name of the log file {@code GET /api/logs/file} downloads, null when file logging is off.
   */
  record Listing(List<LogView> items, long next, long oldest, String file) {}

  void mount(Router router) {
    // Off the event loop: a text search over up to 100,000 entries is not a few microseconds.
    router.get("/api/logs").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> list(rc)));
    router.get("/api/logs/live").handler(this::watch);
    router.get("/api/logs/file").handler(this::download);
  }

  private Listing list(RoutingContext rc) {
    LogLevel level = level(rc);
    String q = rc.queryParams().get("q");
    int limit = QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String after = rc.queryParams().get("after");
    Predicate<LogEntry> filter = e -> e.level().atLeast(level) && (q == null || q.isEmpty() || matches(e, q));
    LogRing ring = serverLog.book().ring();
    LogRing.Page page = after == null || after.isBlank() ? ring.latest(limit, filter)
        : ring.after(QueryParams.wholeNumber(rc, "after", 0), limit, filter);
    Path file = serverLog.file();
    return new Listing(page.items().stream().map(LogView::of).toList(), page.next(), page.oldest(),
        file == null ? null : file.getFileName().toString());
  }

  private void watch(RoutingContext rc) {
    LogLevel level;
    try {
      level = level(rc);
    } catch (AdminException e) {
      AdminJson.error(rc, e.status, e.type, e.getMessage());
      return;
    }
    // Runs on the logging thread: a comparison of two enum constants, nothing more.
    events.stream(rc, serverLog.book().live(), e -> e.level().atLeast(level), BUFFER, LogView::json);
  }

  private void download(RoutingContext rc) {
    Path file = serverLog.file();
    if (file == null) {
      AdminJson.error(rc, 404, "not_found",
          "File logging is off: set logging.file in the configuration to write the server log to a file.");
      return;
    }
    String name = file.getFileName().toString();
    vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .onComplete(ar -> {
          if (ar.failed()) {
            AdminJson.error(rc, 404, "not_found", "The log file '" + name + "' cannot be read; see the server log.");
            return;
          }
          AsyncFile log = ar.result();
          rc.response().setChunked(true).putHeader("content-type", "text/plain; charset=utf-8")
              .putHeader("content-disposition", "attachment; filename=\""
                  + (SAFE_FILE_NAME.matcher(name).matches() ? name : "keypool.log") + "\"");
          // Streamed as it is read, with back-pressure; what is logged meanwhile may or may not be included.
          log.pipeTo(rc.response()).onComplete(done -> log.close());
        });
  }

  private static LogLevel level(RoutingContext rc) {
    String given = rc.queryParams().get("level");
    if (given == null || given.isBlank()) {
      return LogLevel.TRACE;
    }
    LogLevel level = LogLevel.parse(given);
    if (level == null) {
      throw AdminException.invalid("'level' must be one of " + String.join(", ",
          Arrays.stream(LogLevel.values()).map(Enum::name).toList()) + " (in any case).");
    }
    return level;
  }

  /** Whether the message, the logger or the stack trace holds {@code q}, ignoring case. */
  private static boolean matches(LogEntry e, String q) {
    return contains(e.message(), q) || contains(e.logger(), q) || (e.stack() != null && contains(e.stack(), q));
  }

  private static boolean contains(String text, String q) {
    for (int i = 0; i + q.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, q, 0, q.length())) {
        return true;
      }
    }
    return false;
  }
}
