package dev.keypool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.keypool.e2e.GatewayHarness;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The event-loop watchdog fails a test that blocks one of the gateway's loops, naming the blocking
 * code, and lets a test that does not pass. Each case is a test class run by a nested JUnit engine,
 * with the suite's extension auto-detection.
 */
class LoopWatchdogTest {

  @Test
  void aTestThatBlocksAGatewayLoopFailsWithTheBlockingStack() {
    Events tests = run(BlocksALoop.class);

    tests.assertStatistics(s -> s.started(1).failed(1));
    Throwable failure = tests.failed().stream().findFirst().map(LoopWatchdogTest::thrown).orElseThrow();
    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("an event loop was blocked longer than " + LoopWatchdog.MAX_LOOP_MILLIS + " ms")
        .hasMessageContaining("vert.x-eventloop-thread");
    assertThat(failure.getSuppressed()).anySatisfy(where -> assertThat(Arrays.stream(where.getStackTrace())
        .anyMatch(f -> f.getMethodName().equals("spin"))).isTrue());
  }

  @Test
  void aTestWhoseLoopsStayQuickPasses() {
    run(ServesARequest.class).assertStatistics(s -> s.started(1).succeeded(1));
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(testClass))
        .execute().testEvents();
  }

  private static Throwable thrown(Event event) {
    return event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }

  /** Busy for three bounds on a gateway loop, as CPU-bound work (a tokenizer, a large parse) would be. */
  static class BlocksALoop {
    @Test
    void blocks() throws Exception {
      try (GatewayHarness h = GatewayHarness.standard()) {
        CompletableFuture<Void> spun = new CompletableFuture<>();
        h.loops.runOnContext(v -> {
          spin(3 * LoopWatchdog.MAX_LOOP_MILLIS);
          spun.complete(null);
        });
        spun.get(10, TimeUnit.SECONDS);
      }
    }

    private static void spin(long millis) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }
  }

  /** A request through the gateway: nothing on its loops comes near the bound. */
  static class ServesARequest {
    @Test
    void serves() throws Exception {
      try (GatewayHarness h = GatewayHarness.standard()) {
        assertThat(h.get("/v1/models").statusCode()).isEqualTo(200);
      }
    }
  }
}
