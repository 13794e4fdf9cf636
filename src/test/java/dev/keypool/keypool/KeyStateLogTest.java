package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every change of a key's state is logged once, with the key's name and id, its provider, reason and failure class. */
class KeyStateLogTest {
  final PoolFixture f = new PoolFixture().keys("a", "b");
  final Logger logger = (Logger) LoggerFactory.getLogger(KeyPool.class);
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
  }

  List<String> lines() {
    return logged.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void a_cooldown_is_logged_once_not_at_each_extension() {
    KeyLease first = f.leaseOf("a");
    KeyLease second = f.leaseOf("a");
    first.fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(30), "slow down");
    second.fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(60), "slow down");

    assertThat(lines()).containsExactly("INFO Provider key 'name-a' (a) of openai is cooling down until "
        + PoolFixture.START.plusSeconds(30) + " [rate_limit]: rate limited: slow down");
  }

  @Test
  void ban_probe_and_recovery_are_each_logged_once_without_the_secret() {
    for (int i = 0; i < 3; i++) {
      f.leaseOf("a").fail(FailureClass.CREDENTIAL, 401, null, "invalid api key");
      f.clock.advance(Duration.ofSeconds(31));
    }
    f.clock.advance(Duration.ofMinutes(11));
    f.leaseOf("a").succeed();

    List<String> lines = lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("INFO Provider key 'name-a' (a) of openai is cooling down until")
        .contains("[credential]");
    assertThat(lines.get(2)).startsWith("WARN Provider key 'name-a' (a) of openai is banned until")
        .contains("[credential]: banned after 3 x 401 within PT5M: invalid api key");
    assertThat(lines.get(3)).startsWith("INFO Provider key 'name-a' (a) of openai is being probed (a client request)");
    assertThat(lines.get(4)).startsWith("INFO Provider key 'name-a' (a) of openai recovered: its probe (a client request) succeeded");
    assertThat(String.join("\n", lines)).doesNotContain("sk-secret-value");
  }

  @Test
  void a_failed_probe_logs_the_new_ban() {
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "no credit");
    f.clock.advance(Duration.ofMinutes(11));
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "still no credit");

    assertThat(lines()).hasSize(3);
    assertThat(lines().get(2)).startsWith("WARN Provider key 'name-a' (a) of openai is banned until "
        + PoolFixture.START.plus(Duration.ofMinutes(11)).plus(Duration.ofMinutes(20)) + " [quota]: probe failed");
  }

  @Test
  void a_health_check_is_a_banned_key_probe_and_its_success_logs_the_recovery() {
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "no credit");
    KeyLease check = f.pool.checkLease("a");
    assertThat(check.probe()).isTrue();
    check.succeed();

    assertThat(lines()).hasSize(3);
    assertThat(lines().get(1)).contains("is being probed (a health check)");
    assertThat(lines().get(2)).contains("recovered: its probe (a health check) succeeded");
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void disable_and_enable_are_logged_with_the_reason() {
    f.pool.put(PoolFixture.key("a", "openai", 0, 1, 0, false));
    f.pool.put(PoolFixture.key("a", "openai", 0, 1, 0, false));
    f.pool.put(PoolFixture.key("a", "openai", 0, 1, 0, true));
    f.pool.put(PoolFixture.key("a", "openai", 0, 1, 0, true));

    assertThat(lines()).containsExactly("WARN Provider key 'name-a' (a) of openai is disabled: turned off",
        "INFO Provider key 'name-a' (a) of openai is enabled");
    assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
  }

  @Test
  void a_timeout_cools_the_key_down_at_once() {
    f.leaseOf("a").timedOut("no response within the first-byte timeout of 2s");

    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(f.snapshot("a").stateReason()).isEqualTo("timed out: no response within the first-byte timeout of 2s");
    assertThat(lines()).singleElement().asString().contains("[transient]: timed out");
  }
}
