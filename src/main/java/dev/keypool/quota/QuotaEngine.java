package dev.keypool.quota;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The quota and rate-limit enforcer: reserve before the upstream call, then settle or release.
 *
 * <p>{@link #reserve} is all-or-nothing: either every limit takes its share of the estimate, or
 * none does and the first limit that would be exceeded is named. A windowed limit refuses when its
 * counter has reached {@code max} or the estimate would take it past {@code max}; a concurrency limit
 * refuses when {@code max} reservations already hold slots.
 *
 * <p>Calls are synchronous and short (in memory, or one Redis round trip bounded by a timeout). An
 * engine that waits on the network also answers without blocking ({@link #nonBlocking()}): the relay
 * then calls the {@code *Async} methods from the event loop; otherwise it calls the in-memory engine
 * inline and any other on a virtual thread ({@code relay.QuotaGate}).
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

  /**
   * Whether the {@code *Async} methods never block the calling thread. The defaults run the synchronous
   * methods in place, which is non-blocking only for an in-memory engine.
   */
  default boolean nonBlocking() {
    return false;
  }

  /** {@link #reserve} without waiting; an engine failure (Redis unreachable) fails the stage. */
  default CompletionStage<Decision> reserveAsync(List<Limit> limits, Amount estimate) {
    return CompletableFuture.completedFuture(reserve(limits, estimate));
  }

  /** {@link #settle} without waiting. */
  default CompletionStage<Void> settleAsync(Reservation reservation, Amount actual) {
    settle(reservation, actual);
    return CompletableFuture.completedFuture(null);
  }

  /** {@link #release} without waiting. */
  default CompletionStage<Void> releaseAsync(Reservation reservation) {
    release(reservation);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  default void close() {}
}
