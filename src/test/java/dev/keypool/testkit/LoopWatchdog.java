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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vert.x's blocked-thread checker set tight on the event loops a test builds through {@link #vertx},
 * keeping every loop task it judges blocking until {@link LoopWatchdogExtension} fails the test.
 *
 * <p>Why not a plain wall-clock bound: measured over the whole suite on the 2-core machine shared with
 * several concurrent builds (load average 17), 332 loop tasks ran past 20 ms, 11 past 200 ms and 3
 * past a second, nearly all of them in a native {@code writev}/{@code send}, in class loading or in
 * lambda spinning of a first request: the thread was runnable but not scheduled. A wall-clock bound
 * tight enough to matter would flake. So a task the checker sees running past {@link #SEEN_AFTER_MILLIS}
 * is {@link Block blocking} only when, while it still runs,
 * <ul>
 *   <li>it <b>waits</b>: the loop thread is parked, sleeping or waiting for a lock (a JDBC pool, a
 *       {@code Future.get}, {@code Thread.sleep}), whatever the load; blocked on a monitor, only past
 *       {@link #BLOCKED_MILLIS}: the JVM's and libraries' own short locks (class loading, creating a
 *       virtual thread, a connection pool's) are held by threads that a loaded machine does not schedule
 *       either, so a short wait there is starvation, not blocking; or
 *   <li>it is <b>busy</b>: the thread used {@link #BUSY_CPU_MILLIS} of CPU since the checker first saw
 *       the task (tokenizing, rendering, parsing a large body on the loop), which starvation cannot fake;
 *       or
 *   <li>it is <b>stuck</b>: it ran {@link #STUCK_MILLIS} of wall time, more than the worst starvation
 *       measured (1.2 s), which catches blocking in native code (a socket read) too.
 * </ul>
 * Override with {@code -Dkeypool.test.loopSeenAfterMillis}, {@code -Dkeypool.test.loopBusyCpuMillis} and
 * {@code -Dkeypool.test.loopStuckMillis}.
 */
public final class LoopWatchdog {
  /** How long a task runs before the checker looks at it: Vert.x's maxEventLoopExecuteTime. */
  public static final long SEEN_AFTER_MILLIS = Long.getLong("keypool.test.loopSeenAfterMillis", 50);
  /** CPU a task may use on a loop after it was first seen. */
  public static final long BUSY_CPU_MILLIS = Long.getLong("keypool.test.loopBusyCpuMillis", 150);
  /** Wall time a task may spend blocked on a monitor. */
  public static final long BLOCKED_MILLIS = Long.getLong("keypool.test.loopBlockedMillis", 1000);
  /** Wall time a task may take on a loop, whatever it does. */
  public static final long STUCK_MILLIS = Long.getLong("keypool.test.loopStuckMillis", 3000);
  private static final long CHECK_INTERVAL_MILLIS = 10;

  private static final long NOT_WATCHED = Long.MAX_VALUE;
  private static final Map<Vertx, AtomicLong> watched = new ConcurrentHashMap<>();
  // Keyed by thread and task start, so one long task seen at several checks is one episode.
  private static final Map<String, LoopTask> tasks = new LinkedHashMap<>();

  /** A task judged blocking: on which thread, why, how long it had run, and where it was when judged. */
  public record Block(String thread, String why, long millis, StackTraceElement[] stack) {}

  private LoopWatchdog() {}

  /** A Vertx built from {@code options} with the tight check, reporting here instead of to the log. */
  public static Vertx vertx(VertxOptions options) {
    options.setBlockedThreadCheckInterval(CHECK_INTERVAL_MILLIS)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(SEEN_AFTER_MILLIS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(SEEN_AFTER_MILLIS)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    Vertx vertx = Vertx.vertx(options);
    AtomicLong watchedSince = new AtomicLong(NOT_WATCHED);
    watched.put(vertx, watchedSince);
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(e -> seen(e, watchedSince.get()));
    return vertx;
  }

  /**
   * Watches the tasks that start on {@code vertx}'s threads from now on. Not before: starting the
   * servers (binding, loading the native transport's classes) runs on the loops once, before any
   * request, and may take longer on a loaded machine without harming anyone.
   */
  public static void watch(Vertx vertx) {
    watched.get(vertx).set(System.nanoTime());
  }

  /** Stops watching {@code vertx}, before it closes (closing the servers runs on the loops too). */
  public static void stopWatching(Vertx vertx) {
    AtomicLong since = watched.remove(vertx);
    if (since != null) {
      since.set(NOT_WATCHED);
    }
  }

  /** Called on the checker's timer thread at each check while the task still runs. */
  private static void seen(BlockedThreadEvent event, long watchedSince) {
    Thread thread = event.thread();
    if (!(thread instanceof VertxThread vt) || vt.isWorker() || vt.startTime() - watchedSince < 0) {
      return; // a worker may block; a task begun before the watch is start-up (nanoTimes compare by difference)
    }
    String key = thread.getName() + "@" + vt.startTime();
    synchronized (tasks) {
      tasks.computeIfAbsent(key, k -> new LoopTask(thread)).check(TimeUnit.NANOSECONDS.toMillis(event.duration()));
    }
  }

  /** The blocking tasks seen since the last call, oldest first; with {@code all}, the others too (why "slow"). */
  public static List<Block> drain(boolean all) {
    synchronized (tasks) {
      List<Block> seen = new ArrayList<>();
      for (LoopTask task : tasks.values()) {
        Block b = task.judged(all);
        if (b != null) {
          seen.add(b);
        }
      }
      tasks.clear();
      return seen;
    }
  }
}
