package dev.keypool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.keypool.e2e.GatewayHarness;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The event-loop watchdog fails a test that blocks one of the gateway's loops, busy or waiting, naming
 * the blocking code, and lets a test whose loops stay quick pass. Each case is a test of
 * {@link GatewayLoops} run by a nested JUnit engine, with the suite's extension auto-detection.
 */
class LoopWatchdogTest {

  @Test
  void aTestThatKeepsALoopBusyFailsWithTheBusyStack() {
    Throwable failure = failureOf("keepsALoopBusy");

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("an event loop was blocked during this test: vert.x-eventloop-thread-")
        .hasMessageContaining("busy (");
    assertThat(failure.getSuppressed()).anySatisfy(where -> assertThat(calls(where, "burnCpu")).isTrue());
  }

  @Test
  void aTestThatMakesALoopWaitFailsWithTheWaitingStack() {
    Throwable failure = failureOf("makesALoopWait");

    assertThat(failure).hasMessageContaining("waiting (TIMED_WAITING)");
    assertThat(failure.getSuppressed()).anySatisfy(where -> assertThat(calls(where, "waitForNothing")).isTrue());
  }

  @Test
  void aTestWhoseLoopsStayQuickPasses() {
    run("servesARequest").assertStatistics(s -> s.started(1).succeeded(1));
  }

  private static Throwable failureOf(String method) {
    Events events = run(method);
    events.assertStatistics(s -> s.started(1).failed(1));
    return events.failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  private static Events run(String method) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectMethod(GatewayLoops.class, method))
        .execute().testEvents();
  }

  private static boolean calls(Throwable where, String method) {
    return Arrays.stream(where.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method));
  }

  /** Work run on one of a real gateway's loops, after it started. Not run by the build itself (a nested class). */
  static class GatewayLoops {
    @Test
    void keepsALoopBusy() throws Exception {
      // CPU-bound, as a tokenizer or a large parse on the loop would be.
      onALoop(() -> burnCpu(3 * LoopWatchdog.BUSY_CPU_MILLIS));
    }

    @Test
    void makesALoopWait() throws Exception {
      // Parked, as a JDBC pool or a Future.get on the loop would be; long enough for the checker's timer
      // to look at it even on a loaded machine.
      onALoop(() -> waitForNothing(20 * LoopWatchdog.SEEN_AFTER_MILLIS));
    }

    @Test
    void servesARequest() throws Exception {
      try (GatewayHarness h = GatewayHarness.standard()) {
        assertThat(h.get("/v1/models").statusCode()).isEqualTo(200);
      }
    }

    private static void onALoop(Runnable work) throws Exception {
      try (GatewayHarness h = GatewayHarness.standard()) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        h.loops.runOnContext(v -> {
          work.run();
          done.complete(null);
        });
        done.get(30, TimeUnit.SECONDS);
      }
    }

    private static void burnCpu(long cpuMillis) {
      var threads = ManagementFactory.getThreadMXBean();
      long end = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(cpuMillis);
      while (threads.getCurrentThreadCpuTime() < end) {
        Thread.onSpinWait();
      }
    }

    private static void waitForNothing(long millis) {
      try {
        new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
