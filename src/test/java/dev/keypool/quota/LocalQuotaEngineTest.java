package dev.keypool.quota;

import java.time.Clock;
import java.time.LocalTime;

/** The shared quota behaviour, in memory. */
class LocalQuotaEngineTest extends QuotaEngineContract {

  @Override
  QuotaEngine newEngine(Clock clock, LocalTime dailyReset) {
    return new LocalQuotaEngine(clock, dailyReset);
  }
}
