package dev.keypool.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keypool.config.AdminConfig;
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
import org.slf4j.LoggerFactory;

/** Single-admin mode: the configured password wins at every start and is never logged. */
@ParameterizedClass
@EnumSource(Dialect.class)
class AdminBootstrapTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final PasswordHasher hasher = new PasswordHasher();
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  TestDatabase t;
  AdminUserStore users;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    users = new AdminUserStore(t.dataSource(), t.postgres(), clock);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void close() throws SQLException {
    root.detachAppender(logged);
    if (t != null) {
      t.close();
    }
  }

  @Test
  void the_configured_password_creates_then_restores_the_admin() {
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
    users.create("someone", "h", AdminRole.ADMIN);
    bootstrap("");
    assertThat(users.findByUsername("root")).isEmpty();
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("generated"));
  }

  private void bootstrap(String password) {
    new AdminBootstrap(users, hasher, new AdminConfig("", "root", password, Duration.ofHours(12), 5,
        Duration.ofMinutes(15))).run();
  }
}
