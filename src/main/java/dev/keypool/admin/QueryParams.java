package dev.keypool.admin;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Typed reads of admin query parameters, each failing with a 400 that names the parameter. */
final class QueryParams {
  private QueryParams() {}

  /** An ISO-8601 instant, or null when the parameter is absent or blank. */
  static Instant instant(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw AdminException.invalid("'" + name + "' must be an ISO-8601 instant such as 2026-01-05T10:00:00Z.");
    }
  }
}
