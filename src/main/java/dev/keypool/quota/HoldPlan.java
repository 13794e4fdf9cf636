package dev.keypool.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holds a reservation would take, computed the same way by every engine: one per distinct
 * counter (limits differing only in {@code max} share a counter, and the smallest max binds), each
 * with the window containing {@code now}.
 */
final class HoldPlan {

  private HoldPlan() {}

  static List<Hold> of(List<Limit> limits, Amount estimate, Instant now, LocalTime dailyReset) {
    Map<String, Limit> binding = new LinkedHashMap<>();
    for (Limit limit : limits) {
      binding.merge(limit.counterName(), limit, (a, b) -> a.max() <= b.max() ? a : b);
    }
    List<Hold> holds = new ArrayList<>(binding.size());
    for (Limit limit : binding.values()) {
      long amount = estimate.of(limit.kind());
      if (limit.kind().windowed()) {
        Window w = limit.period().window(now, dailyReset);
        holds.add(new Hold(limit, w.start().toEpochMilli(), w.end().toEpochMilli(), amount));
      } else {
        holds.add(new Hold(limit, 0, 0, amount));
      }
    }
    return holds;
  }

  /**
   * Whether a counter at {@code current} refuses {@code amount} more under {@code max}. An estimate
   * larger than the whole limit (a request asking for more output than a tokens-per-minute limit) is
   * admitted into an empty window, else it could never run; it settles to its real usage like any other.
   */
  static boolean exceeds(long current, long amount, long max) {
    return current >= max || (current > 0 && current + amount > max);
  }

  /** The refusal for {@code hold}, with Retry-After to the end of its window. */
  static Decision.Refused refuse(Hold hold, Instant now) {
    Duration wait = Duration.ofMillis(Math.max(0, hold.windowEndMillis() - now.toEpochMilli()));
    return Decision.Refused.of(hold.limit(), wait);
  }
}
