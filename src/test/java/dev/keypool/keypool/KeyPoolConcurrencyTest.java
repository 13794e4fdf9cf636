package dev.keypool.keypool;

import static dev.keypool.keypool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyPoolConcurrencyTest {

  private static final int THREADS = 4;
  private static final int ITERATIONS = 5_000;

  @Test
  void concurrent_borrowers_never_leak_in_flight() throws Exception {
    PoolFixture f = new PoolFixture();
    f.pool.put(key("a", "openai", 2, 3, 0, true));
    f.pool.put(key("b", "openai", 1, 1, 0, true));
    f.pool.put(key("c", "openai", 1, 2, 1000, true));
    f.pool.put(key("x", "anthropic", 0, 1, 0, true));
    Strategy[] strategies = Strategy.values();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        int leased = 0;
        for (int i = 0; i < ITERATIONS; i++) {
          String provider = (i + thread) % 5 == 0 ? "anthropic" : "openai";
          Strategy s = strategies[(i + thread) % strategies.length];
          Borrow b = f.pool.borrow(new BorrowRequest(provider, "r" + thread % 2, s, 3, Set.of()));
          if (b instanceof Borrow.Leased l) {
            leased++;
            end(l.lease(), i);
          }
        }
        return leased;
      }));
    }
    int leased = 0;
    for (Future<Integer> r : results) {
      leased += r.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(leased).isPositive();
    assertThat(f.snapshots()).allSatisfy(s -> assertThat(s.inFlight()).isZero());
    f.clock.advance(Duration.ofHours(2));
    assertThat(f.snapshots()).allSatisfy(s -> assertThat(s.state()).isIn(KeyState.HEALTHY, KeyState.BANNED));
  }

  @Test
  void only_one_of_many_racing_borrowers_gets_the_half_open_probe() throws Exception {
    PoolFixture f = new PoolFixture().keys("a");
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "no credit");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int round = 0; round < 50; round++) {
      f.clock.advance(Duration.ofHours(1));
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<KeyLease>> racers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        racers.add(pool.submit(() -> {
          start.await();
          return f.pool.borrow(BorrowRequest.of("openai", "r", Strategy.ROUND_ROBIN)) instanceof Borrow.Leased l
              ? l.lease() : null;
        }));
      }
      List<KeyLease> won = new ArrayList<>();
      for (Future<KeyLease> r : racers) {
        KeyLease l = r.get(10, TimeUnit.SECONDS);
        if (l != null) {
          won.add(l);
        }
      }
      assertThat(won).singleElement().satisfies(l -> assertThat(l.probe()).isTrue());
      won.get(0).fail(FailureClass.CREDENTIAL, 401, null, "still revoked");
    }
    pool.shutdown();
    assertThat(f.snapshot("a").inFlight()).isZero();
  }

  /** Ends a lease in one of several ways, sometimes twice, as real callers' cleanup paths do. */
  private static void end(KeyLease lease, int i) {
    switch (i % 6) {
      case 0 -> lease.succeed();
      case 1 -> lease.fail(FailureClass.TRANSIENT, 502, null, "bad gateway");
      case 2 -> lease.fail(FailureClass.RATE_LIMIT, 429, Duration.ZERO, "slow");
      case 3 -> lease.fail(FailureClass.CREDENTIAL, 401, Duration.ZERO, "revoked");
      case 4 -> lease.abandon();
      default -> {
        lease.succeed();
        lease.abandon();
      }
    }
  }
}
