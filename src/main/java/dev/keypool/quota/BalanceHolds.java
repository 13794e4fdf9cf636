package dev.keypool.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Admits a prepaid user's request only if the balance covers its estimated charge on top of the
 * estimates still held by the user's requests in flight. Estimates are conservative (the whole
 * output cap), so the balance goes below zero by at most what one request outruns its estimate.
 *
 * <p>Holds are per instance: two instances serving one user each see only their own requests in
 * flight (the balance itself is shared by the store).
 */
public final class BalanceHolds {
  private final PrepaidBalances balances;
  private final Map<String, Long> held = new HashMap<>();

  public BalanceHolds(PrepaidBalances balances) {
    this.balances = balances;
  }

  public boolean enabled() {
    return balances != PrepaidBalances.NONE;
  }

  /** Whether {@link #hold} and {@link #settle} may block (see {@link PrepaidBalances#blocks}). */
  public boolean blocks() {
    return enabled() && balances.blocks();
  }

  /**
   * Whether {@code userId} spends from a prepaid balance; only asked when {@link #blocks} is false, so
   * the answer comes from memory.
   */
  public boolean prepaid(String userId) {
    return userId != null && balances.availableNanos(userId).isPresent();
  }

  /** One admitted request's hold on a user's balance. */
  public record Hold(String userId, long estimateNanos) {}

  /** The answer: not prepaid, a {@link Hold}, or a refusal when the balance does not cover the estimate. */
  public sealed interface Result {}

  public record NotPrepaid() implements Result {}

  public record Held(Hold hold) implements Result {}

  public record Insufficient(long availableNanos, long heldNanos, long estimateNanos) implements Result {}

  /** May block on the balance store: call off the event loop. */
  public Result hold(String userId, long estimateNanos) {
    if (userId == null) {
      return new NotPrepaid();
    }
    OptionalLong available = balances.availableNanos(userId);
    if (available.isEmpty()) {
      return new NotPrepaid();
    }
    synchronized (held) {
      long inFlight = held.getOrDefault(userId, 0L);
      if (available.getAsLong() - inFlight < estimateNanos) {
        return new Insufficient(available.getAsLong(), inFlight, estimateNanos);
      }
      held.put(userId, inFlight + estimateNanos);
    }
    return new Held(new Hold(userId, estimateNanos));
  }

  /** Ends the hold and charges what the request really cost (nothing for a request that used nothing). */
  public void settle(Hold hold, long chargedNanos, String requestId) {
    // Charge before dropping the hold: in between, another request must not see the balance uncharged
    // and the estimate no longer held.
    if (chargedNanos > 0) {
      balances.charge(hold.userId(), chargedNanos, requestId);
    }
    unhold(hold);
  }

  private void unhold(Hold hold) {
    synchronized (held) {
      long left = held.getOrDefault(hold.userId(), 0L) - hold.estimateNanos();
      if (left <= 0) {
        held.remove(hold.userId());
      } else {
        held.put(hold.userId(), left);
      }
    }
  }
}
