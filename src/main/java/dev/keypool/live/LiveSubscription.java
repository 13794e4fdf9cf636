package dev.keypool.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One watcher of a {@link LiveFeed}: items wait in a bounded, lock-free buffer until the watcher's own
 * thread drains them. Offering happens on the publishing threads and never waits: an item that finds
 * the buffer full is counted as dropped, so a watcher that falls behind loses items and is told how
 * many ({@link #takeDropped}) instead of slowing the publisher.
 *
 * <p>Draining: call {@link #draining} first, then {@link #poll} until it gives null (or until the
 * watcher cannot take more), then {@link #takeDropped}. The wake-up runs once per batch: only when the
 * previous one has begun draining.
 *
 * @param <T> the items watched
 */
public final class LiveSubscription<T> implements AutoCloseable {
  private final LiveFeed<T> owner;
  private final Predicate<? super T> filter;
  private final int capacity;
  private final Runnable wakeUp;
  private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean drainPending = new AtomicBoolean();

  LiveSubscription(LiveFeed<T> owner, Predicate<? super T> filter, int capacity, Runnable wakeUp) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.owner = owner;
    this.filter = filter;
    this.capacity = capacity;
    this.wakeUp = wakeUp;
  }

  void offer(T item) {
    if (!filter.test(item)) {
      return;
    }
    if (reserveSlot()) {
      waiting.add(item);
    } else {
      dropped.incrementAndGet();
    }
    // Woken for drops too, so the watcher hears of them even while nothing else arrives.
    if (drainPending.compareAndSet(false, true)) {
      wakeUp.run();
    }
  }

  private boolean reserveSlot() {
    while (true) {
      int n = size.get();
      if (n >= capacity) {
        return false;
      }
      if (size.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Marks the start of a drain: items offered from now on wake the watcher again. */
  public void draining() {
    drainPending.set(false);
  }

  /** The oldest waiting item, or null. */
  public T poll() {
    T r = waiting.poll();
    if (r != null) {
      size.decrementAndGet();
    }
    return r;
  }

  /** How many items were dropped since the last call, and starts counting again. */
  public long takeDropped() {
    return dropped.getAndSet(0);
  }

  /** Stops receiving items. */
  @Override
  public void close() {
    owner.remove(this);
    waiting.clear();
  }
}
