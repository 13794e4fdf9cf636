package dev.keypool.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.storage.ConflictException;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Admin users and sessions on both databases: uniqueness, last-admin protection, expiry, logout. */
@ParameterizedClass
@EnumSource(Dialect.class)
class AdminUserStoreTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestDatabase t;
  AdminUserStore users;
  SessionStore sessions;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new AdminUserStore(t.dataSource(), t.postgres(), clock);
    sessions = new SessionStore(t.dataSource(), clock, Duration.ofHours(12));
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void users_are_created_found_and_unique_by_name() {
    AdminUser alice = users.create("alice", "hash-a", AdminRole.ADMIN);
    assertThat(alice.id()).startsWith("au_");
    assertThat(users.findByUsername("alice")).contains(alice);
    assertThat(users.find(alice.id()).orElseThrow().role()).isEqualTo(AdminRole.ADMIN);
    assertThatThrownBy(() -> users.create("alice", "hash-b", AdminRole.VIEWER)).isInstanceOf(ConflictException.class);
    clock.advance(Duration.ofMinutes(1));
    users.recordLogin(alice.id(), clock.instant());
    assertThat(users.find(alice.id()).orElseThrow().lastLoginAt()).isEqualTo(clock.instant());
  }

  @Test
  void the_last_active_admin_cannot_be_demoted_disabled_or_deleted() {
    AdminUser alice = users.create("alice", "h", AdminRole.ADMIN);
    AdminUser bob = users.create("bob", "h", AdminRole.VIEWER);

    assertThatThrownBy(() -> users.update(alice.id(), new AdminUserStore.Change(AdminRole.VIEWER, null, null)))
        .isInstanceOf(LastAdminException.class).hasMessageContaining("alice");
    assertThatThrownBy(() -> users.update(alice.id(), new AdminUserStore.Change(null, AdminUser.DISABLED, null)))
        .isInstanceOf(LastAdminException.class);
    assertThatThrownBy(() -> users.delete(alice.id())).isInstanceOf(LastAdminException.class);
    assertThat(users.find(alice.id()).orElseThrow().activeAdmin()).isTrue();

    users.update(bob.id(), new AdminUserStore.Change(AdminRole.ADMIN, null, null));
    assertThat(users.delete(alice.id())).isPresent();
    assertThat(users.countActiveAdmins()).isEqualTo(1);
    assertThat(users.delete("au_missing")).isEmpty();
    assertThat(users.update("au_missing", new AdminUserStore.Change(null, null, "x"))).isEmpty();
  }

  @Test
  void sessions_expire_end_at_logout_and_die_with_their_user() {
    AdminUser alice = users.create("alice", "h", AdminRole.ADMIN);
    AdminUser bob = users.create("bob", "h", AdminRole.VIEWER);
    SessionStore.Opened a = sessions.open(alice.id());
    SessionStore.Opened b = sessions.open(bob.id());
    assertThat(a.token()).startsWith(SessionTokens.PREFIX);
    assertThat(a.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
    assertThat(t.count("SELECT COUNT(*) FROM admin_sessions WHERE token_hash = '" + SessionTokens.hash(a.token()) + "'"))
        .as("only the hash is stored").isEqualTo(1);

    assertThat(sessions.find(a.token()).orElseThrow().user().username()).isEqualTo("alice");
    users.update(bob.id(), new AdminUserStore.Change(null, AdminUser.DISABLED, null));
    assertThat(sessions.find(b.token())).as("disabled user").isEmpty();

    clock.advance(Duration.ofHours(12));
    assertThat(sessions.find(a.token())).as("expired").isEmpty();

    SessionStore.Opened a2 = sessions.open(alice.id());
    assertThat(t.count("SELECT COUNT(*) FROM admin_sessions")).as("expired sessions purged at login").isEqualTo(1);
    sessions.close(SessionTokens.hash(a2.token()));
    assertThat(sessions.find(a2.token())).isEmpty();

    SessionStore.Opened keep = sessions.open(alice.id());
    SessionStore.Opened other = sessions.open(alice.id());
    sessions.closeAllOf(alice.id(), SessionTokens.hash(keep.token()));
    assertThat(sessions.find(keep.token())).isPresent();
    assertThat(sessions.find(other.token())).isEmpty();

    users.create("carol", "h", AdminRole.ADMIN);
    users.delete(alice.id());
    assertThat(sessions.find(keep.token())).isEmpty();
  }
}
