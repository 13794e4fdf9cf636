package dev.keypool.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which a watched event loop ({@link LoopWatchdog}) ran a blocking task, with the
 * blocked thread's stack, so blocking work on a loop is caught wherever it appears.
 * Registered for the whole suite through {@code junit-platform.properties} (extension
 * auto-detection). Blocks during a class's {@code @BeforeAll}/{@code @AfterAll} fail the class.
 *
 * <p>{@code -Dkeypool.test.loopWatchdog=report} logs every task the checker saw, blocking or only slow,
 * instead of failing: to measure what the suite's loops take (with a lower
 * {@code keypool.test.loopSeenAfterMillis}).
 */
public final class LoopWatchdogExtension implements AfterEachCallback, AfterAllCallback {
  private static final Logger log = LoggerFactory.getLogger(LoopWatchdogExtension.class);
  private static final boolean REPORT_ONLY = "report".equals(System.getProperty("keypool.test.loopWatchdog"));

  @Override
  public void afterEach(ExtensionContext context) {
    check(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check(context);
  }

  private static void check(ExtensionContext context) {
    List<LoopWatchdog.Block> blocks = LoopWatchdog.drain(REPORT_ONLY);
    if (blocks.isEmpty()) {
      return;
    }
    if (REPORT_ONLY) {
      for (LoopWatchdog.Block b : blocks) {
        log.warn("loop task {} {} ms in {} on {} at {}", b.why(), b.millis(), context.getUniqueId(), b.thread(), top(b));
      }
      return;
    }
    AssertionError failure = new AssertionError("an event loop was blocked during this test: " + describe(blocks));
    for (LoopWatchdog.Block b : blocks) {
      Throwable where = new Throwable(b.thread() + " " + b.why() + ", " + b.millis() + " ms, here", null, false, true) {};
      where.setStackTrace(b.stack());
      failure.addSuppressed(where);
    }
    throw failure;
  }

  private static String describe(List<LoopWatchdog.Block> blocks) {
    StringBuilder text = new StringBuilder();
    for (LoopWatchdog.Block b : blocks) {
      text.append(text.isEmpty() ? "" : "; ").append(b.thread()).append(' ').append(b.why()).append(", ")
          .append(b.millis()).append(" ms, at ").append(top(b));
    }
    return text.toString();
  }

  /** The top frame and the first three of our own code: where the time went. */
  private static String top(LoopWatchdog.Block b) {
    StringBuilder frames = new StringBuilder(b.stack().length > 0 ? b.stack()[0].toString() : "?");
    int ours = 0;
    for (StackTraceElement e : b.stack()) {
      if (e.getClassName().startsWith("dev.keypool.") && ours++ < 3) {
        frames.append(" < ").append(e);
      }
    }
    return frames.toString();
  }
}
