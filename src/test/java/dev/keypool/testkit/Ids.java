package dev.keypool.testkit;

import java.util.concurrent.atomic.AtomicLong;

/** A source of unique, provider-looking ids ({@code chatcmpl-…}, {@code msg_…}) for fake replies. */
final class Ids {
  private static final AtomicLong NEXT = new AtomicLong(1);

  private Ids() {}

  static String next(String prefix) {
    return prefix + "fake" + String.format("%020d", NEXT.getAndIncrement());
  }

  static long epochSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}
