package dev.keypool.live;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Hands each item, as it happens, to whoever watches: request records as requests end, the server's
 * log lines as they are logged. The publishing side (a proxy event loop, any logging thread) never
 * waits: with nobody watching an item costs one volatile read, and each watcher has a bounded buffer of
 * its own ({@link LiveSubscription}) that drops what does not fit.
 */
public class LiveFeed<T> {
  /** Copied on every change, so that publishing reads it without a lock. */
  @SuppressWarnings("unchecked")
  private volatile LiveSubscription<T>[] subscriptions = new LiveSubscription[0];

  /** Offers {@code item} to every subscriber; never blocks, never throws for a subscriber's sake. */
  public final void publish(T item) {
    LiveSubscription<T>[] current = subscriptions;
    for (LiveSubscription<T> s : current) {
      s.offer(item);
    }
  }

  /**
   * A new subscriber that receives the items {@code filter} accepts. The filter runs on the publishing
   * thread: it must be cheap and must not block.
   *
   * @param capacity how many items may wait for the subscriber before further ones are dropped
   * @param wakeUp called, from the publishing thread, when items wait and no drain is pending; it must
   *     only schedule the drain on the subscriber's own thread
   */
  public final LiveSubscription<T> subscribe(Predicate<? super T> filter, int capacity, Runnable wakeUp) {
    LiveSubscription<T> s = new LiveSubscription<>(this, filter, capacity, wakeUp);
    synchronized (this) {
      LiveSubscription<T>[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
      next[next.length - 1] = s;
      subscriptions = next;
    }
    return s;
  }

  public final int subscriberCount() {
    return subscriptions.length;
  }

  final synchronized void remove(LiveSubscription<T> s) {
    subscriptions = Arrays.stream(subscriptions).filter(x -> x != s).toArray(n -> Arrays.copyOf(subscriptions, n));
  }
}
