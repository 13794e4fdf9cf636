package dev.keypool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.admin.auth.AdminRole;
import dev.keypool.admin.auth.AdminUser;
import dev.keypool.admin.auth.AdminUserStore;
import dev.keypool.admin.auth.PasswordHasher;
import dev.keypool.admin.auth.SessionStore;
import dev.keypool.testkit.Dialect;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code keypool admin reset-password}: a new password, given or generated, and the user's sessions ended. */
@ParameterizedClass
@EnumSource(Dialect.class)
class ResetPasswordCommandTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  CliFixture cli;
  AdminUserStore users;
  SessionStore sessions;
  final PasswordHasher hasher = new PasswordHasher();
  AdminUser alice;

  @BeforeEach
  void start() throws Exception {
    cli = new CliFixture(dialect, dir, "");
    users = new AdminUserStore(cli.db.dataSource(), cli.db.isPostgres(), Clock.systemUTC());
    sessions = new SessionStore(cli.db.dataSource(), Clock.systemUTC(), Duration.ofHours(1));
    alice = users.create("alice", hasher.hash("old password"), AdminRole.ADMIN);
  }

  @AfterEach
  void stop() throws Exception {
    cli.close();
  }

  @Test
  void a_password_from_stdin_replaces_the_old_one_and_ends_the_sessions() {
    String token = sessions.open(alice.id()).token();
    CliFixture.Run run = cli.runWithStdin("new password 123\n", "admin", "reset-password", "Alice", "--password-stdin");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("new password 123");
    String hash = users.find(alice.id()).orElseThrow().passwordHash();
    assertThat(hasher.verify("new password 123", hash)).isTrue();
    assertThat(hasher.verify("old password", hash)).isFalse();
    assertThat(sessions.find(token)).isEmpty();
  }

  @Test
  void without_stdin_a_generated_password_is_printed_once() {
    CliFixture.Run run = cli.run("admin", "reset-password", "alice");
    assertThat(run.code()).isZero();
    Matcher m = Pattern.compile("reset to: (\\S+)").matcher(run.out());
    assertThat(m.find()).isTrue();
    assertThat(hasher.verify(m.group(1), users.find(alice.id()).orElseThrow().passwordHash())).isTrue();
  }

  @Test
  void an_unknown_user_exits_1_and_a_short_password_2() {
    CliFixture.Run unknown = cli.run("admin", "reset-password", "bob");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no admin user 'bob'");
    assertThat(cli.runWithStdin("short\n", "admin", "reset-password", "alice", "--password-stdin").code()).isEqualTo(2);
    assertThat(hasher.verify("old password", users.find(alice.id()).orElseThrow().passwordHash())).isTrue();
  }
}
