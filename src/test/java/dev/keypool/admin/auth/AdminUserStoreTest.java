package dev.keypool.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keypool.config.AdminConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Admin users and sessions on both databases: uniqueness, last-admin protection, expiry, logout, the first admin. */
@ParameterizedClass
@EnumSource(Dialect.class)
class AdminUserStoreTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestDatabase t;
  AdminUserStore users;
  SessionStore sessions;
  final PasswordHasher hasher = new PasswordHasher();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new AdminUserStore(t.dataSource(), t.postgres(), clock);
    sessions = new SessionStore(t.dataSource(), clock, Duration.ofHours(12));
  }

  @AfterEach
  void close() throws SQLException {
    appenders.forEach(root::detachAppender);
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

  @Test
  void single_admin_mode_creates_then_restores_the_admin_and_never_logs_its_password() {
    ListAppender<ILoggingEvent> logged = capture();
    bootstrap("first-passphrase");
    AdminUser admin = users.findByUsername("root").orElseThrow();
    assertThat(admin.activeAdmin()).isTrue();
    assertThat(hasher.verify("first-passphrase", admin.passwordHash())).isTrue();

    // Someone demoted it and the file now says another password: the next start puts both right.
    users.create("other", "h", AdminRole.ADMIN);
    users.update(admin.id(), new AdminUserStore.Change(AdminRole.VIEWER, AdminUser.DISABLED, null));
    bootstrap("second-passphrase");
    AdminUser again = users.find(admin.id()).orElseThrow();
    assertThat(again.activeAdmin()).isTrue();
    assertThat(hasher.verify("second-passphrase", again.passwordHash())).isTrue();

    String hash = again.passwordHash();
    bootstrap("second-passphrase");
    assertThat(users.find(admin.id()).orElseThrow().passwordHash()).as("unchanged, not rehashed").isEqualTo(hash);
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains("passphrase"));
  }

  @Test
  void no_password_is_generated_while_an_active_admin_exists() {
    ListAppender<ILoggingEvent> logged = capture();
    users.create("someone", "h", AdminRole.ADMIN);
    bootstrap("");
    assertThat(users.findByUsername("root")).isEmpty();
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("generated"));
  }

  /** Log events of every logger until the test ends. */
  private ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    appenders.add(logged);
    return logged;
  }

  private void bootstrap(String password) {
    new AdminBootstrap(users, hasher, new AdminConfig("", "root", password, Duration.ofHours(12), 5,
        Duration.ofMinutes(15))).run();
  }
}
