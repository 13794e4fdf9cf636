package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared quota behaviour, in memory, plus what only the local engine does. */
class LocalQuotaEngineTest extends QuotaEngineContract {

  @Override
  QuotaEngine newEngine(Clock clock, LocalTime dailyReset) {
    return new LocalQuotaEngine(clock, dailyReset);
  }

  @Test
  void threads_racing_for_one_limit_get_exactly_n() throws Exception {
    Limit limit = new Limit(LimitScope.USER, "u1", LimitKind.REQUESTS, Period.MINUTE, 1000);
    AtomicLong admittedCount = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      running.add(threads.submit(() -> {
        for (int i = 0; i < 1000; i++) {
          if (engine.reserve(List.of(limit), ONE) instanceof Decision.Admitted) {
            admittedCount.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    threads.shutdown();
    assertThat(admittedCount.get()).isEqualTo(1000);
  }

  @Test
  void counters_of_ended_windows_are_swept_so_per_ip_counters_do_not_pile_up() {
    for (int i = 0; i < 3000; i++) {
      engine.reserve(List.of(new Limit(LimitScope.CLIENT_IP, "10.0.0." + i, LimitKind.REQUESTS, Period.SECOND, 5)), ONE);
    }
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 1100; i++) {
      engine.reserve(List.of(new Limit(LimitScope.CLIENT_IP, "10.0.1.1", LimitKind.REQUESTS, Period.MINUTE, 5000)), ONE);
    }
    assertThat(((LocalQuotaEngine) engine).counters()).isLessThan(10);
  }
}
