package dev.keypool.admin;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Offset paging for admin listings ({@code ?limit=50&offset=0}), answered as
 * {@code {"data":[...],"total":n,"limit":50,"offset":0}}.
 */
record Paging(int limit, int offset) {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1_000;

  /** One page of a listing. */
  record Listing<T>(List<T> data, long total, int limit, int offset) {}

  static Paging of(RoutingContext rc) {
    return new Paging(QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        QueryParams.integer(rc, "offset", 0, 0, Integer.MAX_VALUE));
  }

  /** This page of a list held in full. */
  <T> Listing<T> page(List<T> all) {
    int from = (int) Math.min(offset, all.size());
    return new Listing<>(all.subList(from, (int) Math.min((long) from + limit, all.size())), all.size(), limit, offset);
  }
}
