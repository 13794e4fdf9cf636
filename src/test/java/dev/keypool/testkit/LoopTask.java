package dev.keypool.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One loop task the checker saw running long, judged at each check by the rules of {@link LoopWatchdog}:
 * waiting, busy or stuck. Only the checker's timer thread calls it, under the watchdog's lock.
 */
final class LoopTask {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Thread thread;
  private final long firstCpuNanos;
  private final StackTraceElement[] firstStack;
  private long millis;
  private String why;
  private StackTraceElement[] stack;

  LoopTask(Thread thread) {
    this.thread = thread;
    this.firstCpuNanos = THREADS.getThreadCpuTime(thread.threadId());
    this.firstStack = thread.getStackTrace();
  }

  void check(long runMillis) {
    millis = Math.max(millis, runMillis);
    if (why != null) {
      return;
    }
    Thread.State state = thread.getState();
    long cpuMillis = (THREADS.getThreadCpuTime(thread.threadId()) - firstCpuNanos) / 1_000_000;
    if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
        || state == Thread.State.BLOCKED && runMillis >= LoopWatchdog.BLOCKED_MILLIS) {
      why = "waiting (" + state + ")";
    } else if (firstCpuNanos >= 0 && cpuMillis >= LoopWatchdog.BUSY_CPU_MILLIS) {
      why = "busy (" + cpuMillis + " ms of CPU)";
    } else if (runMillis >= LoopWatchdog.STUCK_MILLIS) {
      why = "stuck";
    } else {
      return;
    }
    stack = thread.getStackTrace(); // where the blocking shows: the waiting call, the busy code
  }

  /** This task as a block if judged blocking (or, with {@code all}, as "slow" otherwise), else null. */
  LoopWatchdog.Block judged(boolean all) {
    if (why != null) {
      return new LoopWatchdog.Block(thread.getName(), why, millis, stack);
    }
    return all ? new LoopWatchdog.Block(thread.getName(), "slow", millis, firstStack) : null;
  }
}
