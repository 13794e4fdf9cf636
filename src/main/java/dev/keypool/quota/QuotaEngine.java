package dev.keypool.quota;

import java.util.List;

/**
 * The quota and rate-limit enforcer: reserve before the upstream call, then settle or release.
 *
 * <p>{@link #reserve} is all-or-nothing: either every limit takes its share of the estimate, or
 * none does and the first limit that would be exceeded is named. A windowed limit refuses when its
 * counter has reached {@code max} or the estimate would take it past {@code max}; a concurrency limit
 * refuses when {@code max} reservations already hold slots.
 *
 * <p>Calls are synchronous and short (in memory, or one Redis round trip bounded by a timeout); the
 * relay calls the in-memory engine inline and any other on a virtual thread ({@code relay.QuotaGate}).
 */
public interface QuotaEngine extends AutoCloseable {

  Decision reserve(List<Limit> limits, Amount estimate);

  /**
   * Corrects every windowed counter by {@code actual - estimate} (never below zero) in the window the
   * reservation was made in, and frees its concurrency slots.
   */
  void settle(Reservation reservation, Amount actual);

  /** Undoes the reservation entirely, for requests that failed before any usage. */
  void release(Reservation reservation);

  /**
   * What {@code limit}'s counter holds now: the amount counted in the current window, or the slots
   * held for a concurrency limit. For display ({@code GET /v1/usage}); nothing is reserved.
   */
  long current(Limit limit);

  /**
   * Where limits are enforced right now, as {@code /health/ready} reports it: {@code local} (this
   * instance only, by configuration), {@code redis} (shared) or {@code local-fallback} (Redis configured
   * but not answering).
   */
  default String state() {
    return "local";
  }

  @Override
  default void close() {}
}
