package dev.keypool.keypool;

import java.util.Arrays;

/**
 * A fixed-capacity ring of the most recent event timestamps (epoch ms), each with an int tag. It answers
 * "have there been {@code capacity} events since t?" exactly and without allocation: the per-key
 * requests-per-minute cap and the ban threshold are both that question.
 */
final class SlidingWindow {

  private final long[] times;
  private final int[] tags;
  private int next;
  private int size;

  SlidingWindow(int capacity) {
    times = new long[Math.max(1, capacity)];
    tags = new int[times.length];
  }

  int capacity() {
    return times.length;
  }

  void record(long now, int tag) {
    times[next] = now;
    tags[next] = tag;
    next = (next + 1) % times.length;
    size = Math.min(size + 1, times.length);
  }

  /** Events strictly after {@code cutoff}. */
  int countAfter(long cutoff) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (times[index(i)] > cutoff) {
        n++;
      }
    }
    return n;
  }

  /** Whether all {@code capacity} slots hold events strictly after {@code cutoff}. */
  boolean fullAfter(long cutoff) {
    return size == times.length && oldest() > cutoff;
  }

  /** The oldest remembered event, or {@link Millis#NONE}. */
  long oldest() {
    return size == 0 ? Millis.NONE : times[index(0)];
  }

  /** Tags of the events strictly after {@code cutoff}, oldest first. */
  int[] tagsAfter(long cutoff) {
    int[] out = new int[countAfter(cutoff)];
    int j = 0;
    for (int i = 0; i < size; i++) {
      if (times[index(i)] > cutoff) {
        out[j++] = tags[index(i)];
      }
    }
    return out;
  }

  void clear() {
    size = 0;
    next = 0;
  }

  /** A window of another capacity holding the most recent events of this one. */
  SlidingWindow resized(int capacity) {
    SlidingWindow w = new SlidingWindow(capacity);
    for (int i = Math.max(0, size - w.capacity()); i < size; i++) {
      w.record(times[index(i)], tags[index(i)]);
    }
    return w;
  }

  /** Slot of the i-th oldest event. */
  private int index(int i) {
    return (next - size + i + times.length) % times.length;
  }

  @Override
  public String toString() {
    return "SlidingWindow" + Arrays.toString(Arrays.copyOf(times, size));
  }
}
