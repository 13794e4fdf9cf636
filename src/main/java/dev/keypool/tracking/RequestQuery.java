package dev.keypool.tracking;

import java.time.Instant;

/**
 * A request-log search: every non-null filter must match; results come newest first.
 *
 * @param from inclusive lower bound on the start time
 * @param to exclusive upper bound on the start time
 * @param model the model the client asked for, exactly
 * @param userId the user who owned the gateway key when the request was made, exactly
 * @param orgId the org of the request as it was stored, exactly
 * @param text a case-insensitive substring of the request id, the requested or served model, or the
 *     error message
 * @param limit page size; 0 or less means {@value #DEFAULT_LIMIT}, and more than {@value #MAX_LIMIT}
 *     is cut to it
 * @param cursor the {@link Page#nextCursor()} of the previous page, or null for the first
 */
public record RequestQuery(Instant from, Instant to, String model, Integer status, String outcome,
    String providerKeyId, String gatewayKeyId, String userId, String orgId, String text, int limit, String cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public RequestQuery {
    limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
  }

  /** The newest requests, unfiltered. */
  public static RequestQuery latest(int limit) {
    return new RequestQuery(null, null, null, null, null, null, null, null, null, null, limit, null);
  }

  /** The same search, continuing after {@code nextCursor}. */
  public RequestQuery after(String nextCursor) {
    return new RequestQuery(from, to, model, status, outcome, providerKeyId, gatewayKeyId, userId, orgId, text, limit,
        nextCursor);
  }
}
