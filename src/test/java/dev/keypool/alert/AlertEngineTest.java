package dev.keypool.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.Channels;
import dev.keypool.config.AlertsConfig;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alert engine and outbox on a real database: one alert per (rule, subject), reminders, resolved
 * notices, filters, a channel down for a while, expiry and restarts; time advanced with a ManualClock.
 */
class AlertEngineTest {
  @TempDir
  Path tmp;
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  final Conditions conditions = new Conditions();
  TestDatabase db;

  @AfterEach
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  /** Conditions the test sets and clears. */
  static final class Conditions implements AlertSignals {
    final Map<String, Condition> now = new ConcurrentHashMap<>();

    void raise(RuleKind rule, String subject) {
      now.put(rule + subject, new Condition(rule, subject, rule.wire() + " on " + subject, "detail"));
    }

    void clear(RuleKind rule, String subject) {
      now.remove(rule + subject);
    }

    @Override
    public Set<RuleKind> rules() {
      return EnumSet.of(RuleKind.KEY_BANNED, RuleKind.KEY_DISABLED, RuleKind.ROUTE_NO_USABLE_KEY,
          RuleKind.WRITER_JOURNALING);
    }

    @Override
    public List<Condition> conditions(Instant at) {
      return new ArrayList<>(now.values());
    }
  }

  AlertService service(AlertsConfig config, AlertChannel... channels) {
    return new AlertService(config, new AlertStore(db.dataSource()), new Channels(List.of(channels)), clock,
        new FailureRates(), List.of(conditions));
  }

  static AlertsConfig config() {
    AlertsConfig d = AlertsConfig.defaults();
    return new AlertsConfig(true, d.evaluateInterval(), Duration.ofHours(1), Duration.ofHours(6),
        Duration.ofSeconds(30), Duration.ofMinutes(5), d.historyRetention(), Map.of(), List.of());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void one_alert_per_rule_and_subject_with_reminders_and_a_resolved_notice(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    RecordingChannel ops = new RecordingChannel("ops", Set.of());
    AlertService alerts = service(config(), ops);

    conditions.raise(RuleKind.KEY_BANNED, "key:pk_1");
    alerts.tick();
    clock.advance(Duration.ofSeconds(15));
    alerts.tick();
    clock.advance(Duration.ofMinutes(30));
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened key:pk_1");
    assertThat(alerts.store().active()).hasSize(1);

    clock.advance(Duration.ofMinutes(31)); // past the 1 h reminder interval
    alerts.tick();
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened key:pk_1", "reminder key:pk_1");

    conditions.clear(RuleKind.KEY_BANNED, "key:pk_1");
    clock.advance(Duration.ofSeconds(15));
    alerts.tick();
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened key:pk_1", "reminder key:pk_1", "resolved key:pk_1");
    assertThat(alerts.store().active()).isEmpty();
    Alert stored = alerts.store().recent(null, 10).get(0);
    assertThat(stored.resolvedAt()).isEqualTo(clock.instant());
    assertThat(stored.reminders()).isEqualTo(1);

    // The same condition again is a new alert.
    conditions.raise(RuleKind.KEY_BANNED, "key:pk_1");
    alerts.tick();
    assertThat(ops.events()).hasSize(4).last().isEqualTo("opened key:pk_1");
    assertThat(alerts.store().recent(null, 10)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void a_channel_down_for_a_while_then_back_gets_every_notice_once_in_order(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    RecordingChannel ops = new RecordingChannel("ops", Set.of());
    RecordingChannel other = new RecordingChannel("other", Set.of());
    AlertService alerts = service(config(), ops, other);
    ops.down = true;

    conditions.raise(RuleKind.KEY_BANNED, "key:pk_1");
    conditions.raise(RuleKind.KEY_DISABLED, "key:pk_2");
    alerts.tick();
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(15));
      if (i == 5) {
        conditions.clear(RuleKind.KEY_BANNED, "key:pk_1");
      }
      if (i == 8) {
        conditions.raise(RuleKind.WRITER_JOURNALING, "writer");
      }
      alerts.tick();
    }
    assertThat(ops.got).isEmpty();
    assertThat(ops.refused).as("backing off: far fewer attempts than ticks").isLessThan(8);
    assertThat(other.events()).containsExactlyInAnyOrder("opened key:pk_1", "opened key:pk_2", "resolved key:pk_1",
        "opened writer");

    ops.down = false;
    clock.advance(Duration.ofMinutes(5)); // the longest backoff
    alerts.tick();
    alerts.tick();
    clock.advance(Duration.ofMinutes(5));
    alerts.tick();
    // Each once, in the order they were raised (the two opened in one round in either order).
    assertThat(ops.events()).containsExactlyInAnyOrder("opened key:pk_1", "opened key:pk_2", "resolved key:pk_1",
        "opened writer");
    assertThat(ops.events().subList(2, 4)).containsExactly("resolved key:pk_1", "opened writer");
    assertThat(other.got).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void a_notice_no_channel_took_in_time_expires(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    RecordingChannel ops = new RecordingChannel("ops", Set.of());
    AlertService alerts = service(config(), ops);
    ops.down = true;
    conditions.raise(RuleKind.KEY_BANNED, "key:pk_1");
    alerts.tick();
    for (int i = 0; i < 80; i++) {
      clock.advance(Duration.ofMinutes(5));
      alerts.tick();
    }
    ops.down = false;
    conditions.clear(RuleKind.KEY_BANNED, "key:pk_1");
    clock.advance(Duration.ofMinutes(5));
    alerts.tick();
    alerts.tick();
    assertThat(ops.events()).as("the 6 h old opening expired; the resolution arrives")
        .containsExactly("resolved key:pk_1");
    assertThat(db.count("SELECT COUNT(*) FROM alert_outbox WHERE state = 'expired'")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void channels_take_only_their_severities_and_a_restart_opens_nothing_twice(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    RecordingChannel pager = new RecordingChannel("pager", Set.of(Severity.CRITICAL));
    RecordingChannel chat = new RecordingChannel("chat", Set.of());
    AlertService first = service(config(), pager, chat);
    conditions.raise(RuleKind.KEY_BANNED, "key:pk_1"); // warning
    conditions.raise(RuleKind.WRITER_JOURNALING, "writer"); // critical
    first.tick();
    assertThat(pager.events()).containsExactly("opened writer");
    assertThat(chat.got).hasSize(2);

    AlertService second = service(config(), pager, chat);
    clock.advance(Duration.ofSeconds(15));
    second.tick();
    assertThat(chat.got).as("still active after the restart: not opened again").hasSize(2);
    conditions.clear(RuleKind.WRITER_JOURNALING, "writer");
    second.tick();
    assertThat(pager.events()).containsExactly("opened writer", "resolved writer");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void the_database_going_away_is_told_without_it_and_recorded_once_it_is_back(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    FlakyDataSource flaky = new FlakyDataSource(db.dataSource());
    RecordingChannel ops = new RecordingChannel("ops", Set.of());
    AlertService alerts = new AlertService(config(), new AlertStore(flaky), new Channels(List.of(ops)), clock,
        new FailureRates(), List.of(conditions));
    alerts.tick(); // loads the (no) active alerts

    flaky.down = true;
    conditions.raise(RuleKind.WRITER_JOURNALING, "writer");
    clock.advance(Duration.ofSeconds(15));
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened writer");

    flaky.down = false;
    conditions.clear(RuleKind.WRITER_JOURNALING, "writer");
    clock.advance(Duration.ofSeconds(15));
    alerts.tick();
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened writer", "resolved writer");
    assertThat(alerts.store().recent(null, 10)).singleElement()
        .satisfies(a -> assertThat(a.resolvedAt()).as("stored once the database was back").isNotNull());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void a_route_without_keys_alerts_only_once_the_condition_held_a_minute(Dialect dialect) {
    db = TestDatabase.open(dialect, tmp);
    RecordingChannel ops = new RecordingChannel("ops", Set.of());
    AlertService alerts = service(config(), ops);
    conditions.raise(RuleKind.ROUTE_NO_USABLE_KEY, "route:gpt");
    alerts.tick();
    clock.advance(Duration.ofSeconds(30));
    alerts.tick();
    conditions.clear(RuleKind.ROUTE_NO_USABLE_KEY, "route:gpt"); // a blip: forgotten
    alerts.tick();
    conditions.raise(RuleKind.ROUTE_NO_USABLE_KEY, "route:gpt");
    clock.advance(Duration.ofSeconds(45));
    alerts.tick();
    assertThat(ops.got).isEmpty();
    clock.advance(Duration.ofSeconds(60));
    alerts.tick();
    assertThat(ops.events()).containsExactly("opened route:gpt");
    assertThat(ops.got.get(0).severity()).isEqualTo(Severity.CRITICAL);
  }
}
