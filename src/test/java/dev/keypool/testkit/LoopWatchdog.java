package dev.keypool.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's blocked-thread checker set tight on the event loops a test builds through {@link #vertx},
 * keeping every block it catches until {@link LoopWatchdogExtension} fails the test that caused it.
 *
 * <p>The bound: a loop task of the test suite legitimately takes at most a few tens of milliseconds
 * (measured over the whole suite on a 2-core machine shared with several concurrent builds: the
 * slowest legitimate tasks were class loading and JIT warm-up on a loop's first requests); 200 ms
 * leaves room for that and for scheduling stalls under load, yet catches any real blocking, which
 * tokenizing, JDBC, DNS or a lock held across I/O turn into hundreds of milliseconds. Override with
 * {@code -Dkeypool.test.maxLoopMillis=N}.
 */
public final class LoopWatchdog {
  /** Longest a loop task may run before the test fails. */
  public static final long MAX_LOOP_MILLIS = Long.getLong("keypool.test.maxLoopMillis", 200);
  /** How often the checker looks: a block is seen at most this late. */
  private static final long CHECK_INTERVAL_MILLIS = Math.max(5, MAX_LOOP_MILLIS / 4);

  /** One blocked task: the thread, how long it had run when last seen, and where it was at first sight. */
  public record Block(String thread, long millis, StackTraceElement[] stack) {
    Block longer(long seenMillis) {
      return new Block(thread, Math.max(millis, seenMillis), stack);
    }
  }

  // Keyed by thread and task start, so one long task seen at several checks is one block.
  private static final Map<String, Block> blocks = new LinkedHashMap<>();

  private LoopWatchdog() {}

  /** A Vertx built from {@code options} with the tight check, reporting here instead of to the log. */
  public static Vertx vertx(VertxOptions options) {
    options.setBlockedThreadCheckInterval(CHECK_INTERVAL_MILLIS)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(MAX_LOOP_MILLIS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(MAX_LOOP_MILLIS)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    Vertx vertx = Vertx.vertx(options);
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(LoopWatchdog::seen);
    return vertx;
  }

  /** Called on the checker's timer thread while the task still runs, so the stack shows where it is. */
  private static void seen(BlockedThreadEvent event) {
    Thread thread = event.thread();
    long started = thread instanceof VertxThread vt ? vt.startTime() : 0;
    long millis = TimeUnit.NANOSECONDS.toMillis(event.duration());
    String key = thread.getName() + "@" + started;
    StackTraceElement[] stack = thread.getStackTrace();
    synchronized (blocks) {
      blocks.merge(key, new Block(thread.getName(), millis, stack), (was, now) -> was.longer(now.millis()));
    }
  }

  /** The blocks seen since the last call, oldest first. */
  public static List<Block> drain() {
    synchronized (blocks) {
      List<Block> seen = new ArrayList<>(blocks.values());
      blocks.clear();
      return seen;
    }
  }
}
