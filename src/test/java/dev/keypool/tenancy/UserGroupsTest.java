package dev.keypool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.BillingConfig;
import dev.keypool.quota.LimitRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which multiplier a caller pays, and how the stored groups follow other instances' changes. */
class UserGroupsTest {
  static final Instant T = Instant.parse("2026-01-05T10:00:00Z");
  static final BillingConfig BILLING = new BillingConfig(new BigDecimal("1.5"),
      Map.of("vip", new BillingConfig.Group("VIP", new BigDecimal("1.2"))), null);

  final Directory directory = new Directory();

  static User user(String id, String group) {
    return new User(id, id, null, Status.ACTIVE, null, false, 0, LimitRules.NONE, T, T, group);
  }

  static UserGroup stored(String id, String multiplier, Instant updated) {
    return new UserGroup(id, id, new BigDecimal(multiplier), false, T, updated);
  }

  @Test
  void a_caller_pays_its_groups_multiplier_else_the_default_groups_else_the_global_one() {
    UserGroups groups = new UserGroups(BILLING, directory);
    groups.put(stored("gold", "1.1", T));
    directory.putUser(user("usr_v", "vip"));
    directory.putUser(user("usr_g", "gold"));
    directory.putUser(user("usr_n", null));
    directory.putUser(user("usr_x", "gone"));

    assertThat(groups.forUser("usr_v")).isEqualByComparingTo("1.2");
    assertThat(groups.forUser("usr_g")).isEqualByComparingTo("1.1");
    assertThat(groups.forUser("usr_n")).isEqualByComparingTo("1.5");
    assertThat(groups.forUser("usr_x")).isEqualByComparingTo("1.5");
    assertThat(groups.forUser(null)).isEqualByComparingTo("1.5");

    UserGroups withDefault = new UserGroups(new BillingConfig(BILLING.sellMultiplier(), BILLING.groups(), "vip"), directory);
    assertThat(withDefault.forUser("usr_n")).isEqualByComparingTo("1.2");
    assertThat(withDefault.forUser("usr_x")).isEqualByComparingTo("1.2");
    assertThat(withDefault.forUser(null)).isEqualByComparingTo("1.2");
  }

  @Test
  void a_refresh_takes_other_instances_changes_but_never_undoes_a_newer_one_here() {
    UserGroups groups = new UserGroups(BILLING, directory);
    groups.load(List.of(stored("gold", "1.1", T), stored("old", "2", T)));
    Instant readAt = T.plusSeconds(10);
    // Changed here after the read began: the read's older row and its lack of "new" must not win.
    groups.put(stored("gold", "1.3", T.plusSeconds(11)));
    groups.put(stored("new", "0.9", T.plusSeconds(11)));

    groups.refresh(List.of(stored("gold", "1.1", T), stored("other", "3", T.plusSeconds(5))), readAt);

    assertThat(groups.find("gold").sellMultiplier()).isEqualByComparingTo("1.3");
    assertThat(groups.find("new")).isNotNull();
    assertThat(groups.find("other").sellMultiplier()).isEqualByComparingTo("3");
    assertThat(groups.find("old")).as("deleted by another instance").isNull();
    assertThat(groups.find("vip").fromConfig()).isTrue();
    assertThat(groups.all()).extracting(UserGroup::id).startsWith("vip");
  }
}
