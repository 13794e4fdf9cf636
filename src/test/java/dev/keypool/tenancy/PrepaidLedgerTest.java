package dev.keypool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.quota.LimitRules;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Charges seen at once in memory, written in batches with their request ids, never lost between instances. */
@ParameterizedClass
@EnumSource(Dialect.class)
class PrepaidLedgerTest {
  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestDatabase t;
  UserStore users;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new UserStore(t.dataSource(), clock);
  }

  @AfterEach
  void close() throws SQLException {
    t.close();
  }

  Directory directory() {
    Directory d = new Directory();
    d.load(users.list(), List.of());
    return d;
  }

  @Test
  void two_instances_charge_one_balance_without_overwriting_each_other() {
    User ann = users.insert(new User(null, "Ann", null, Status.ACTIVE, null, true, 0, LimitRules.NONE, null, null));
    User bob = users.insert(new User(null, "Bob", null, Status.ACTIVE, null, false, 0, LimitRules.NONE, null, null));
    users.adjust(ann.id(), 1_000, LedgerKind.TOP_UP, null, null);
    Directory da = directory();
    Directory db = directory();
    try (PrepaidLedger a = new PrepaidLedger(da, users); PrepaidLedger b = new PrepaidLedger(db, users)) {
      assertThat(a.availableNanos(bob.id())).isEmpty();
      assertThat(a.availableNanos(ann.id())).hasValue(1_000);
      for (int i = 0; i < 10; i++) {
        a.charge(ann.id(), 30, "req-a" + i);
        b.charge(ann.id(), 20, "req-b" + i);
      }
      // Seen at once by the instance that charged, before anything is written.
      assertThat(a.availableNanos(ann.id()).getAsLong()).isLessThanOrEqualTo(700);
      Poll.until("charges written", Duration.ofSeconds(10), () -> a.queued() == 0 && b.queued() == 0
          && users.ledgerSize(ann.id()) == 21);
      assertThat(users.find(ann.id()).orElseThrow().balanceNanos()).isEqualTo(500);
      assertThat(users.ledger(ann.id(), 30, 0)).filteredOn(e -> e.kind() == LedgerKind.CHARGE)
          .allSatisfy(e -> assertThat(e.requestId()).startsWith("req-")).hasSize(20);
      // Each instance knows its own charges; the other's arrive with a refresh from the database.
      Poll.until("own charges applied", Duration.ofSeconds(5), () -> a.availableNanos(ann.id()).getAsLong() <= 700);
      da.refresh(users.list(), List.of(), users.balances());
      assertThat(a.availableNanos(ann.id())).hasValue(500);
    }
  }

  @Test
  void charges_queued_at_close_are_written() {
    User ann = users.insert(new User(null, "Ann", null, Status.ACTIVE, null, true, 0, LimitRules.NONE, null, null));
    PrepaidLedger ledger = new PrepaidLedger(directory(), users);
    for (int i = 0; i < 50; i++) {
      ledger.charge(ann.id(), 1, "r" + i);
    }
    ledger.close();
    assertThat(users.find(ann.id()).orElseThrow().balanceNanos()).isEqualTo(-50);
    assertThat(users.ledgerSize(ann.id())).isEqualTo(50);
  }
}
