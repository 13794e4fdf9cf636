package dev.keypool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.quota.LimitRules;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stored user group is deleted only while no user is in it, and a user joins only a group that still
 * exists, also when the two happen at once (as through two instances): never a user in a deleted group.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class UserGroupStoreTest {
  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestDatabase t;
  UserStore users;
  UserGroupStore groups;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new UserStore(t.dataSource(), clock);
    groups = new UserGroupStore(t.dataSource(), clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  UserGroup newGroup(String id) {
    return groups.insert(new UserGroup(id, id, BigDecimal.ONE, false, null, null));
  }

  static User inGroup(User u, String group) {
    return new User(u.id(), u.name(), u.email(), u.status(), u.orgId(), u.prepaid(), u.balanceNanos(), u.limits(),
        null, null, group);
  }

  @Test
  void a_group_with_users_is_not_deleted() {
    newGroup("gold");
    User ann = users.insert(inGroup(new User(null, "ann", null, Status.ACTIVE, null, false, 0, LimitRules.NONE, null,
        null), "gold"), true);

    assertThat(groups.delete("gold")).isEqualTo(new UserGroupStore.Deletion(true, 1));
    assertThat(groups.list()).extracting(UserGroup::id).containsExactly("gold");

    users.update(inGroup(ann, null), true).orElseThrow();
    assertThat(groups.delete("gold").deleted()).isTrue();
    assertThat(groups.list()).isEmpty();
    assertThat(groups.delete("gold")).isEqualTo(new UserGroupStore.Deletion(false, 0));
  }

  @Test
  void a_user_is_not_put_into_a_stored_group_that_is_gone() {
    User ann = users.insert(new User(null, "ann", null, Status.ACTIVE, null, false, 0, LimitRules.NONE, null, null));
    User bob = new User(null, "bob", null, Status.ACTIVE, null, false, 0, LimitRules.NONE, null, null);

    assertThatThrownBy(() -> users.update(inGroup(ann, "gone"), true)).isInstanceOf(UnknownGroupException.class)
        .hasMessageContaining("'gone'");
    assertThatThrownBy(() -> users.insert(inGroup(bob, "gone"), true)).isInstanceOf(UnknownGroupException.class);
    assertThat(users.list()).extracting(User::name, User::groupId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ann", null));
    // A group of the configuration file is not stored: the caller vouches for it.
    assertThat(users.update(inGroup(ann, "vip"), false).orElseThrow().groupId()).isEqualTo("vip");
  }

  @Test
  void a_delete_and_a_user_joining_at_once_never_leave_the_user_in_a_deleted_group() throws Exception {
    User ann = users.insert(new User(null, "ann", null, Status.ACTIVE, null, false, 0, LimitRules.NONE, null, null));
    ExecutorService two = Executors.newFixedThreadPool(2);
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int deleted = 0;
    int joined = 0;
    try {
      for (int i = 0; i < 40 && System.nanoTime() < until; i++) {
        String group = "g" + i;
        newGroup(group);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> delete = two.submit(() -> {
          start.await(5, TimeUnit.SECONDS);
          return groups.delete(group).deleted();
        });
        Future<Boolean> join = two.submit(() -> {
          start.await(5, TimeUnit.SECONDS);
          try {
            return users.update(inGroup(ann, group), true).isPresent();
          } catch (UnknownGroupException e) {
            return false;
          }
        });
        boolean wasDeleted = delete.get(10, TimeUnit.SECONDS);
        boolean hasJoined = join.get(10, TimeUnit.SECONDS);
        assertThat(wasDeleted).as("round %d: exactly one of the delete and the join succeeds", i).isNotEqualTo(hasJoined);
        String stored = users.find(ann.id()).orElseThrow().groupId();
        assertThat(stored).as("round %d", i).isEqualTo(hasJoined ? group : null);
        assertThat(groups.list().stream().anyMatch(g -> g.id().equals(group))).as("round %d", i).isEqualTo(hasJoined);
        deleted += wasDeleted ? 1 : 0;
        joined += hasJoined ? 1 : 0;
        users.update(inGroup(ann, null), false).orElseThrow();
      }
    } finally {
      two.shutdownNow();
    }
    System.out.printf("%s: %d rounds the delete won, %d the join%n", dialect, deleted, joined);
    assertThat(deleted + joined).isPositive();
  }
}
