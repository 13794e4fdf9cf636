package dev.keypool.tracking;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Hands each request record, as it is recorded, to whoever watches the live view. The recording side
 * (a proxy event loop) never waits: with nobody watching a record costs one volatile read, and each
 * watcher has a bounded buffer of its own ({@link LiveSubscription}) that drops what does not fit.
 */
public final class LiveRecords {
  /** Copied on every change, so that publishing reads it without a lock. */
  private volatile LiveSubscription[] subscriptions = new LiveSubscription[0];

  /** Offers {@code record} to every subscriber; never blocks, never throws for a subscriber's sake. */
  public void publish(RequestRecord record) {
    LiveSubscription[] current = subscriptions;
    for (LiveSubscription s : current) {
      s.offer(record);
    }
  }

  /**
   * A new subscriber that receives the records {@code filter} accepts.
   *
   * @param capacity how many records may wait for the subscriber before further ones are dropped
   * @param wakeUp called, from the recording thread, when records wait and no drain is pending; it must
   *     only schedule the drain on the subscriber's own thread
   */
  public LiveSubscription subscribe(Predicate<RequestRecord> filter, int capacity, Runnable wakeUp) {
    LiveSubscription s = new LiveSubscription(this, filter, capacity, wakeUp);
    synchronized (this) {
      LiveSubscription[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
      next[next.length - 1] = s;
      subscriptions = next;
    }
    return s;
  }

  public int subscriberCount() {
    return subscriptions.length;
  }

  synchronized void remove(LiveSubscription s) {
    subscriptions = Arrays.stream(subscriptions).filter(x -> x != s).toArray(LiveSubscription[]::new);
  }
}
