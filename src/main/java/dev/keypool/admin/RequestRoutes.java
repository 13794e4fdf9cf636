package dev.keypool.admin;

import dev.keypool.storage.Blocking;
import dev.keypool.tracking.Page;
import dev.keypool.tracking.RequestCursor;
import dev.keypool.tracking.RequestLogStore;
import dev.keypool.tracking.RequestQuery;
import dev.keypool.tracking.RequestRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/requests}: the request log, newest first, with filters (time range, model, status,
 * outcome, provider key, gateway key, user, org, text) and cursor paging; {@code /api/requests/{id}} with
 * its upstream attempts.
 */
final class RequestRoutes {
  private final RequestLogStore log;
  private final Blocking blocking;

  RequestRoutes(RequestLogStore log, Blocking blocking) {
    this.log = log;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/requests").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> search(rc)));
    router.get("/api/requests/:id").handler(rc -> AdminRoutes.respond(rc, blocking, 200,
        () -> log.find(rc.pathParam("id")).orElseThrow(() -> AdminException.notFound("Request", rc.pathParam("id")))));
  }

  private Page<RequestRecord> search(RoutingContext rc) {
    String cursor = rc.queryParams().get("cursor");
    if (cursor != null && cursor.isEmpty()) {
      cursor = null;
    }
    if (cursor != null && !RequestCursor.isValid(cursor)) {
      throw AdminException.invalid("'cursor' is not a cursor this listing gave out; pass a 'next_cursor' as it came, "
          + "or start again without one.");
    }
    return log.search(new RequestQuery(QueryParams.instant(rc, "from"), QueryParams.instant(rc, "to"), rc.queryParams().get("model"),
        QueryParams.integer(rc, "status", 100, 599), rc.queryParams().get("outcome"), rc.queryParams().get("provider_key"),
        rc.queryParams().get("gateway_key"), rc.queryParams().get("user"), rc.queryParams().get("org"),
        rc.queryParams().get("q"),
        QueryParams.integer(rc, "limit", RequestQuery.DEFAULT_LIMIT, 1, RequestQuery.MAX_LIMIT), cursor));
  }
}
