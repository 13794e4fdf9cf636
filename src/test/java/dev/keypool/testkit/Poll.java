package dev.keypool.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for a condition that another thread makes true (an event loop releasing a key, a
 * writer flushing): polls until it holds, or fails the test when the time is up. Never used to wait
 * out a cooldown; those advance the {@link ManualClock}.
 */
public final class Poll {

  public static final Duration DEFAULT = Duration.ofSeconds(20);

  private Poll() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT, condition);
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
