package dev.keypool.quota;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;

/**
 * The shared quota behaviour through the Redis engine's asynchronous calls, the ones the relay makes
 * from its event loops: every case of the contract and of the key layout, each call waited for here.
 */
class RedisQuotaEngineAsyncTest extends RedisQuotaEngineTest {

  @Override
  QuotaEngine newEngine(Clock clock, LocalTime dailyReset) {
    return new AwaitingAsync((RedisQuotaEngine) super.newEngine(clock, dailyReset));
  }

  /** The engine seen through its asynchronous calls only (current() has no asynchronous form). */
  private record AwaitingAsync(RedisQuotaEngine engine) implements QuotaEngine {
    @Override
    public Decision reserve(List<Limit> limits, Amount estimate) {
      return engine.reserveAsync(limits, estimate).toCompletableFuture().join();
    }

    @Override
    public void settle(Reservation reservation, Amount actual) {
      engine.settleAsync(reservation, actual).toCompletableFuture().join();
    }

    @Override
    public void release(Reservation reservation) {
      engine.releaseAsync(reservation).toCompletableFuture().join();
    }

    @Override
    public long current(Limit limit) {
      return engine.current(limit);
    }
  }
}
