package dev.keypool.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory quota engine: exact limits for one instance, used alone when no Redis is configured
 * and as the fallback of {@link FailoverQuotaEngine}.
 *
 * <p>Windows are fixed and aligned to period boundaries ({@link Period}): a counter counts exactly
 * what was admitted in its window and starts again from zero at the next. We chose fixed windows over
 * sliding ones because quotas are stated and shown in calendar terms ("1M tokens per day, reset at
 * 07:00"), counts are exact and cheap (one number per counter, the same in Redis), and Retry-After
 * is simply the window end. The price is that a client may burst up to twice a limit around a
 * boundary; for per-second and per-minute rate limits that is accepted, as an upstream's own limits
 * are the real protection there.
 *
 * <p>All state sits behind one lock: a reservation checks and takes several counters at once
 * (all-or-nothing), each operation is a few map lookups, and one lock keeps that trivially correct.
 * Counters of ended windows are swept now and then so per-IP counters do not accumulate.
 */
public final class LocalQuotaEngine implements QuotaEngine {
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final LocalTime dailyReset;
  private final Object lock = new Object();
  private final Map<String, Counter> counters = new HashMap<>();
  private int sinceSweep;

  public LocalQuotaEngine(Clock clock, LocalTime dailyReset) {
    this.clock = clock;
    this.dailyReset = dailyReset;
  }

  /** In memory: the asynchronous calls answer in place. */
  @Override
  public boolean nonBlocking() {
    return true;
  }

  @Override
  public Decision reserve(List<Limit> limits, Amount estimate) {
    List<Hold> holds;
    synchronized (lock) {
      // Time is read under the lock: a thread that read the clock before a boundary must not reach
      // the counters after one that read it past the boundary and reset the counter to the old window.
      Instant now = clock.instant();
      holds = HoldPlan.of(limits, estimate, now, dailyReset);
      sweepNowAndThen(now.toEpochMilli());
      for (Hold hold : holds) {
        if (HoldPlan.exceeds(current(hold), hold.amount(), hold.limit().max())) {
          return HoldPlan.refuse(hold, now);
        }
      }
      for (Hold hold : holds) {
        counterFor(hold).value += hold.amount();
      }
    }
    return new Decision.Admitted(new Reservation(UUID.randomUUID().toString(), Backend.LOCAL, estimate, holds));
  }

  @Override
  public void settle(Reservation reservation, Amount actual) {
    if (!reservation.finish()) {
      return;
    }
    synchronized (lock) {
      for (Hold hold : reservation.holds()) {
        long delta = hold.limit().kind().windowed() ? actual.of(hold.limit().kind()) - hold.amount() : -hold.amount();
        adjust(hold, delta);
      }
    }
  }

  @Override
  public void release(Reservation reservation) {
    if (!reservation.finish()) {
      return;
    }
    synchronized (lock) {
      for (Hold hold : reservation.holds()) {
        adjust(hold, -hold.amount());
      }
    }
  }

  @Override
  public long current(Limit limit) {
    synchronized (lock) {
      Hold hold = HoldPlan.of(List.of(limit), Amount.ZERO, clock.instant(), dailyReset).get(0);
      return current(hold);
    }
  }

  /** How many counters are kept (for tests of the sweep). */
  int counters() {
    synchronized (lock) {
      return counters.size();
    }
  }

  /** The value of {@code hold}'s counter in its window (zero if the counter is in another window). */
  private long current(Hold hold) {
    Counter c = counters.get(hold.limit().counterName());
    return c != null && c.windowStart == hold.windowStartMillis() ? c.value : 0;
  }

  private Counter counterFor(Hold hold) {
    Counter c = counters.get(hold.limit().counterName());
    if (c == null || c.windowStart != hold.windowStartMillis()) {
      c = new Counter(hold.windowStartMillis(), hold.windowEndMillis());
      counters.put(hold.limit().counterName(), c);
    }
    return c;
  }

  /** Adds {@code delta} to the hold's window, if that window is still the counter's; never below zero. */
  private void adjust(Hold hold, long delta) {
    Counter c = counters.get(hold.limit().counterName());
    if (c == null || c.windowStart != hold.windowStartMillis()) {
      if (delta <= 0 || hold.windowEndMillis() <= clock.millis()) {
        return;
      }
      c = counterFor(hold);
    }
    c.value = Math.max(0, c.value + delta);
  }

  private void sweepNowAndThen(long nowMillis) {
    if (++sinceSweep < SWEEP_EVERY) {
      return;
    }
    sinceSweep = 0;
    counters.values().removeIf(c -> c.windowEnd != 0 ? c.windowEnd <= nowMillis : c.value == 0);
  }

  /** One counter's value in one window (window 0 for concurrency slots, which have none). */
  private static final class Counter {
    final long windowStart;
    final long windowEnd;
    long value;

    Counter(long windowStart, long windowEnd) {
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }
  }
}
