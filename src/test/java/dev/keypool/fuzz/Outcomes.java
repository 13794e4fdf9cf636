package dev.keypool.fuzz;

import dev.keypool.relay.ApiException;
import dev.keypool.translate.UntranslatableRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The property every request reader must keep, whatever its input: it ends in bounded time, and it
 * either returns or refuses with one of the documented exceptions that become a 4xx in the
 * endpoint's shape. Anything else (a NullPointerException, a ClassCastException, an index out of
 * bounds, a stack overflow) would reach the client as a 500, so it fails the fuzz test.
 */
final class Outcomes {
  /**
   * CPU time (not wall time, which a loaded machine stretches) a call may take: far above what any
   * input of a fuzzing run (a few KB) needs, even instrumented, yet far below what a read that runs
   * away (quadratic work, a loop that never ends) takes.
   */
  static final Duration BOUND = Duration.ofSeconds(2);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** What a call under test may do besides returning. */
  enum Refusal {
    /** The relay's own 4xx ({@link ApiException}). */
    API_EXCEPTION,
    /**
     * {@link ApiException}, {@link UntranslatableRequest}, or the plain {@link IllegalArgumentException}
     * of a value that is not JSON: a client's body becomes a 400, an upstream's stream a failed attempt.
     */
    TRANSLATION_REFUSAL,
    /** Nothing: the call must always return. */
    NONE
  }

  /** The calls seen once: the first of each loads and compiles its classes, so it is not timed. */
  private static final Set<String> warm = ConcurrentHashMap.newKeySet();

  private Outcomes() {}

  /**
   * Runs {@code call} and fails unless it ends with a result or an allowed refusal, within {@link #BOUND}
   * (from the second call of the same {@code what} on).
   */
  static void check(String what, Refusal allowed, Runnable call) {
    long start = THREADS.getCurrentThreadCpuTime();
    try {
      call.run();
    } catch (RuntimeException | StackOverflowError e) {
      if (!isAllowed(e, allowed)) {
        throw new AssertionError(what + " threw " + e + ", which would reach the client as a 500", e);
      }
    }
    Duration took = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start);
    if (!warm.add(what) && took.compareTo(BOUND) > 0) {
      throw new AssertionError(what + " took " + took.toMillis() + " ms of CPU");
    }
  }

  private static boolean isAllowed(Throwable e, Refusal allowed) {
    return switch (allowed) {
      case API_EXCEPTION -> e instanceof ApiException;
      case TRANSLATION_REFUSAL -> e instanceof ApiException || e instanceof UntranslatableRequest
          || e.getClass() == IllegalArgumentException.class;
      case NONE -> false;
    };
  }
}
