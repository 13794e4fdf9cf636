package dev.keypool.quota;

import dev.keypool.testkit.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;

/** The shared quota behaviour, in the machine's Redis under a random key prefix. */
class RedisQuotaEngineTest extends QuotaEngineContract {
  private String prefix;
  private RedisLink link;

  @Override
  QuotaEngine newEngine(Clock clock, LocalTime dailyReset) {
    prefix = TestRedis.newPrefix();
    link = new RedisLink(TestRedis.URL, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    return new RedisQuotaEngine(link, prefix, clock, dailyReset, Duration.ofMinutes(10));
  }

  @AfterEach
  void deleteKeys() {
    if (link != null) {
      link.close();
      TestRedis.deleteKeys(prefix);
    }
  }
}
