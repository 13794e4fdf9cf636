package dev.keypool.tracking;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition that another thread makes true: polls until it holds or time is up. */
final class Poll {

  static final Duration DEFAULT = Duration.ofSeconds(20);

  private Poll() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT, condition);
  }

  static void until(String what, Duration timeout, BooleanSupplier condition) {
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
