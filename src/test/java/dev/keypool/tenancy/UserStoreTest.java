package dev.keypool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.quota.LimitRules;
import dev.keypool.storage.ConflictException;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class UserStoreTest {
  static final long USD = 1_000_000_000L;

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestDatabase t;
  UserStore users;
  OrgStore orgs;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new UserStore(t.dataSource(), clock);
    orgs = new OrgStore(t.dataSource(), clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  User newUser(String name, String orgId) {
    return users.insert(new User(null, name, name + "@example.com", Status.ACTIVE, orgId, false, 0, LimitRules.NONE, null, null));
  }

  @Test
  void users_and_orgs_are_created_read_updated_and_deleted() {
    Org org = orgs.insert(new Org(null, "acme", Status.ACTIVE, LimitRules.parse(Map.of("cost_usd_per_month", "100")), null, null));
    assertThat(org.id()).startsWith("org_");
    assertThat(orgs.find(org.id())).contains(org);
    User u = newUser("ann", org.id());
    assertThat(u.id()).startsWith("usr_");
    assertThat(users.find(u.id())).contains(u);

    clock.advance(Duration.ofMinutes(5));
    User changed = users.update(new User(u.id(), "Ann", null, Status.SUSPENDED, null, true, 999, LimitRules.NONE, null, null))
        .orElseThrow();
    assertThat(changed).returns("Ann", User::name).returns(null, User::email).returns(Status.SUSPENDED, User::status)
        .returns(true, User::prepaid).returns(0L, User::balanceNanos).returns(u.createdAt(), User::createdAt)
        .returns(clock.instant(), User::updatedAt);
    assertThat(orgs.update(new Org(org.id(), "acme-2", Status.SUSPENDED, LimitRules.NONE, null, null)).orElseThrow())
        .returns("acme-2", Org::name).returns(Status.SUSPENDED, Org::status);
    assertThatThrownBy(() -> orgs.insert(new Org(null, "acme-2", Status.ACTIVE, LimitRules.NONE, null, null)))
        .isInstanceOf(ConflictException.class);

    users.adjust(u.id(), USD, LedgerKind.TOP_UP, null, null);
    assertThat(users.delete(u.id())).isTrue();
    assertThat(users.find(u.id())).isEmpty();
    assertThat(users.ledgerSize(u.id())).isZero();
    assertThat(orgs.delete(org.id())).isTrue();
    assertThat(orgs.list()).isEmpty();
  }

  @Test
  void adjust_updates_the_balance_and_writes_the_ledger_newest_first() {
    User u = newUser("bob", null);
    LedgerEntry top = users.adjust(u.id(), 10 * USD, LedgerKind.TOP_UP, "welcome", null).orElseThrow();
    LedgerEntry charge = users.adjust(u.id(), -USD / 4, LedgerKind.CHARGE, null, "req_1").orElseThrow();
    assertThat(top.balanceAfterNanos()).isEqualTo(10 * USD);
    assertThat(charge).returns(10 * USD - USD / 4, LedgerEntry::balanceAfterNanos).returns("req_1", LedgerEntry::requestId);
    assertThat(users.find(u.id()).orElseThrow().balanceNanos()).isEqualTo(10 * USD - USD / 4);
    assertThat(users.ledger(u.id(), 10, 0)).extracting(LedgerEntry::id).containsExactly(charge.id(), top.id());
    assertThat(users.ledger(u.id(), 1, 1)).extracting(LedgerEntry::note).containsExactly("welcome");
    assertThat(users.adjust("usr_missing", USD, LedgerKind.TOP_UP, null, null)).isEmpty();
  }

  @Test
  void a_deduction_below_zero_is_refused_and_changes_nothing_unless_allowed() {
    User u = newUser("cy", null);
    users.adjust(u.id(), 5 * USD, LedgerKind.TOP_UP, null, null);
    assertThatThrownBy(() -> users.adjust(new Charge(u.id(), -6 * USD, LedgerKind.DEDUCT, null, null), false))
        .isInstanceOf(InsufficientBalanceException.class).hasMessageContaining("5.00");
    assertThat(users.find(u.id()).orElseThrow().balanceNanos()).isEqualTo(5 * USD);
    assertThat(users.ledgerSize(u.id())).isEqualTo(1);
    assertThat(users.adjust(new Charge(u.id(), -6 * USD, LedgerKind.DEDUCT, null, null), true).orElseThrow()
        .balanceAfterNanos()).isEqualTo(-USD);
  }

  @Test
  void charge_all_applies_a_batch_in_one_transaction_and_skips_unknown_users() {
    User a = newUser("a", null);
    User b = newUser("b", null);
    List<LedgerEntry> entries = users.chargeAll(List.of(new Charge(a.id(), -100, LedgerKind.CHARGE, null, "r1"),
        new Charge("usr_gone", -5, LedgerKind.CHARGE, null, "r2"), new Charge(b.id(), -200, LedgerKind.CHARGE, null, "r3"),
        new Charge(a.id(), 30, LedgerKind.REFUND, null, "r1")));
    assertThat(entries).extracting(LedgerEntry::requestId, LedgerEntry::balanceAfterNanos)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", -100L), org.assertj.core.groups.Tuple.tuple("r3", -200L),
            org.assertj.core.groups.Tuple.tuple("r1", -70L));
    assertThat(users.find(a.id()).orElseThrow().balanceNanos()).isEqualTo(-70);
  }

  @Test
  void concurrent_adjustments_lose_nothing_and_the_ledger_adds_up() throws Exception {
    User u = newUser("busy", null);
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(pool.submit(() -> {
          for (int j = 0; j < each; j++) {
            users.adjust(u.id(), 3, LedgerKind.TOP_UP, null, null);
            users.chargeAll(List.of(new Charge(u.id(), -1, LedgerKind.CHARGE, null, null)));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    long expected = (long) threads * each * 2;
    assertThat(users.find(u.id()).orElseThrow().balanceNanos()).isEqualTo(expected);
    List<LedgerEntry> ledger = users.ledger(u.id(), 1000, 0);
    assertThat(ledger).hasSize(threads * each * 2);
    assertThat(ledger.get(0).balanceAfterNanos()).isEqualTo(expected);
    assertThat(ledger.stream().mapToLong(LedgerEntry::deltaNanos).sum()).isEqualTo(expected);
    for (int i = 0; i + 1 < ledger.size(); i++) {
      assertThat(ledger.get(i).balanceAfterNanos() - ledger.get(i).deltaNanos())
          .as("each entry starts from the previous balance").isEqualTo(ledger.get(i + 1).balanceAfterNanos());
    }
  }

  @Test
  void usd_amounts_are_exact() {
    assertThat(Usd.toNanos("12.50")).isEqualTo(12_500_000_000L);
    assertThat(Usd.toNanos("0.000000001")).isEqualTo(1);
    assertThat(Usd.format(12_500_000_000L)).isEqualTo("12.50");
    assertThat(Usd.format(125_000)).isEqualTo("0.000125");
    assertThat(Usd.format(-USD)).isEqualTo("-1.00");
    assertThatThrownBy(() -> Usd.toNanos("ten")).hasMessageContaining("ten");
    assertThatThrownBy(() -> Usd.toNanos("0.0000000001")).hasMessageContaining("9 decimal");
  }
}
