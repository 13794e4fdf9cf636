package dev.keypool.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waiting for something another thread does (an event loop releasing a key, a writer
 * flushing): polls until the condition holds or the time is up. Never used to wait out a cooldown;
 * those advance the {@link ManualClock}.
 */
public final class Eventually {
  private Eventually() {}

  /** Returns as soon as {@code condition} holds; returns false when {@code max} passed without it. */
  public static boolean within(Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
