package dev.keypool.keypool;

import java.util.random.RandomGenerator;

/**
 * The injected {@link RandomGenerator} made safe to share: most generators (SplittableRandom, the
 * {@code L64X128} family) are not thread-safe, and borrows for different providers run concurrently.
 */
final class LockedRandom implements RandomGenerator {

  private final RandomGenerator delegate;

  LockedRandom(RandomGenerator delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized long nextLong() {
    return delegate.nextLong();
  }

  @Override
  public synchronized int nextInt(int bound) {
    return delegate.nextInt(bound);
  }
}
