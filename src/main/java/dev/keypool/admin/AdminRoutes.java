package dev.keypool.admin;

import dev.keypool.storage.Blocking;
import dev.keypool.storage.ConflictException;
import dev.keypool.storage.FailFastDataSource;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an admin handler's work off the event loop and answers with its result or its error. */
final class AdminRoutes {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

  private AdminRoutes() {}

  static void respond(RoutingContext rc, Blocking blocking, int status, Callable<Object> work) {
    answer(rc, blocking.run(work), status);
  }

  /** Answers with {@code result}'s value as JSON, or with the error it failed with. */
  static void answer(RoutingContext rc, Future<?> result, int status) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        AdminJson.send(rc, status, ar.result());
      } else if (ar.cause() instanceof AdminException e) {
        AdminJson.error(rc, e.status, e.type, e.getMessage());
      } else if (ar.cause() instanceof ConflictException e) {
        AdminJson.error(rc, 409, "conflict", e.getMessage());
      } else if (!databaseUnavailable(rc, ar.cause())) {
        // The route's pattern, not the path sent: a path is the caller's to fill with anything.
        log.error("admin request {} {} failed", rc.request().method(), route(rc), ar.cause());
        AdminJson.error(rc, 500, "internal_error", "The request failed; see the server log.");
      }
    });
  }

  /**
   * Answers 503 when {@code failure} says the database could not serve the call (down, or no connection
   * free in time); true if it did. Logged at DEBUG only: the database's own state is logged
   * once by the pool.
   */
  static boolean databaseUnavailable(RoutingContext rc, Throwable failure) {
    if (!FailFastDataSource.isUnavailable(failure)) {
      return false;
    }
    log.debug("admin request {} {}: database unavailable", rc.request().method(), route(rc));
    rc.response().putHeader("retry-after", "1");
    AdminJson.error(rc, 503, "database_unavailable", "The database is unavailable; try again shortly.");
    return true;
  }

  private static String route(RoutingContext rc) {
    return rc.currentRoute() == null || rc.currentRoute().getPath() == null ? "(unmatched)" : rc.currentRoute().getPath();
  }
}
