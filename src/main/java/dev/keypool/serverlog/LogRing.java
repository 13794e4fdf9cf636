package dev.keypool.serverlog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The last entries of the server's log, in a fixed array that the newest entry overwrites the oldest
 * of. Adding is lock-free (one atomic increment and one array store), so logging threads never wait on
 * a reader or on each other; a reader checks each slot's sequence number, skipping entries overwritten
 * while it read and stopping at one whose sequence is taken but not yet stored.
 */
public final class LogRing {
  /** What a read found: entries oldest first, the sequence to read after next, the oldest one held. */
  public record Page(List<LogEntry> items, long next, long oldest) {}

  private final AtomicLong last = new AtomicLong();
  private volatile AtomicReferenceArray<LogEntry> slots;

  public LogRing(int capacity) {
    slots = new AtomicReferenceArray<>(checked(capacity));
  }

  public int capacity() {
    return slots.length();
  }

  /** Stores the event as the newest entry and returns it. */
  LogEntry add(ILoggingEvent event) {
    long seq = last.incrementAndGet();
    LogEntry entry = LogEntries.of(seq, event);
    AtomicReferenceArray<LogEntry> s = slots;
    s.set(index(seq, s.length()), entry);
    return entry;
  }

  /**
   * Keeps {@code capacity} entries from now on, the newest of the current ones among them. Meant for
   * start-up: an entry added while the entries are copied may be lost.
   */
  public synchronized void resize(int capacity) {
    AtomicReferenceArray<LogEntry> old = slots;
    if (checked(capacity) == old.length()) {
      return;
    }
    AtomicReferenceArray<LogEntry> next = new AtomicReferenceArray<>(capacity);
    long top = last.get();
    for (long seq = Math.max(1, top - Math.min(capacity, old.length()) + 1); seq <= top; seq++) {
      LogEntry e = old.get(index(seq, old.length()));
      if (e != null && e.seq() == seq) {
        next.set(index(seq, capacity), e);
      }
    }
    slots = next;
  }

  /** Up to {@code limit} entries {@code filter} accepts with a sequence above {@code after}, oldest first. */
  public Page after(long after, int limit, Predicate<LogEntry> filter) {
    AtomicReferenceArray<LogEntry> s = slots;
    long top = last.get();
    long oldest = oldest(top, s.length());
    long from = Math.max(Math.max(after, 0) + 1, oldest);
    // After a restart a client's `after` can be past the newest entry: `next` then says where we are.
    long next = Math.min(Math.max(after, from - 1), top);
    List<LogEntry> items = new ArrayList<>();
    for (long seq = from; seq <= top && items.size() < limit; seq++) {
      LogEntry e = s.get(index(seq, s.length()));
      if (e == null || e.seq() < seq) {
        break; // taken by a logging thread that has not stored it yet: the next read starts here
      }
      next = seq;
      if (e.seq() == seq && filter.test(e)) {
        items.add(e);
      }
    }
    return new Page(items, next, oldest);
  }

  /** The newest {@code limit} entries {@code filter} accepts, oldest first. */
  public Page latest(int limit, Predicate<LogEntry> filter) {
    AtomicReferenceArray<LogEntry> s = slots;
    long top = last.get();
    long oldest = oldest(top, s.length());
    long end = top;
    while (end >= oldest && end > 0 && !stored(s, end)) {
      end--; // not stored yet; a read after `next` picks it up
    }
    List<LogEntry> items = new ArrayList<>();
    for (long seq = end; seq >= oldest && seq > 0 && items.size() < limit; seq--) {
      LogEntry e = s.get(index(seq, s.length()));
      if (e != null && e.seq() == seq && filter.test(e)) {
        items.add(e);
      }
    }
    Collections.reverse(items);
    return new Page(items, end, oldest);
  }

  private static boolean stored(AtomicReferenceArray<LogEntry> s, long seq) {
    LogEntry e = s.get(index(seq, s.length()));
    return e != null && e.seq() >= seq;
  }

  /** The sequence of the oldest entry the ring can hold now; 1 until it has wrapped around. */
  private static long oldest(long top, int capacity) {
    return Math.max(1, top - capacity + 1);
  }

  private static int index(long seq, int capacity) {
    return (int) (seq % capacity);
  }

  private static int checked(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    return capacity;
  }
}
