package dev.keypool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.quota.LimitRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static User user(String id, String orgId, long balance) {
    return new User(id, id, null, Status.ACTIVE, orgId, true, balance, LimitRules.NONE, T, T);
  }

  static LedgerEntry entry(long id, String userId, long balanceAfter) {
    return new LedgerEntry(id, userId, 0, balanceAfter, LedgerKind.CHARGE, null, null, T);
  }

  @Test
  void a_balance_from_an_older_ledger_entry_never_overwrites_a_newer_one() {
    Directory d = new Directory();
    d.load(List.of(user("usr_a", null, 100)), List.of());
    d.applyBalance(entry(7, "usr_a", 70));
    d.applyBalance(entry(5, "usr_a", 50));
    assertThat(d.user("usr_a").balanceNanos()).isEqualTo(70);
    d.applyBalances(List.of(entry(8, "usr_a", 80), entry(9, "usr_gone", 1)));
    assertThat(d.user("usr_a").balanceNanos()).isEqualTo(80);
    assertThat(d.user("usr_gone")).isNull();
  }

  @Test
  void changing_a_users_fields_keeps_its_balance() {
    Directory d = new Directory();
    d.putUser(user("usr_a", null, 0));
    d.applyBalance(entry(1, "usr_a", 500));
    d.putUser(new User("usr_a", "renamed", null, Status.SUSPENDED, null, true, 0, LimitRules.NONE, T, T));
    assertThat(d.user("usr_a")).returns("renamed", User::name).returns(500L, User::balanceNanos)
        .returns(false, User::active);
  }

  @Test
  void a_keys_org_is_its_own_else_its_owners() {
    Directory d = new Directory();
    Org own = new Org("org_own", "own", Status.ACTIVE, LimitRules.NONE, T, T);
    Org users = new Org("org_user", "user's", Status.ACTIVE, LimitRules.NONE, T, T);
    d.load(List.of(user("usr_a", "org_user", 0)), List.of(own, users));
    GatewayKey key = GatewayKey.issue("k", "h", "hint").toBuilder().userId("usr_a").build();
    assertThat(d.effectiveOrg(key)).isEqualTo(users);
    assertThat(d.effectiveOrg(key.toBuilder().orgId("org_own").build())).isEqualTo(own);
    assertThat(d.effectiveOrg(key.toBuilder().userId(null).build())).isNull();
  }
}
