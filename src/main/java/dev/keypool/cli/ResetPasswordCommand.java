package dev.keypool.cli;

import dev.keypool.admin.auth.AdminBootstrap;
import dev.keypool.admin.auth.AdminUser;
import dev.keypool.admin.auth.AdminUserStore;
import dev.keypool.admin.auth.PasswordHasher;
import dev.keypool.admin.auth.SessionStore;
import dev.keypool.config.ConfigDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keypool admin reset-password USER}: sets a new password for an admin user, read from stdin or
 * generated and printed once, and ends the user's sessions, for an operator locked out of the console.
 */
@Command(name = "reset-password", sortOptions = false,
    description = {"Set a new password for an admin user and end the user's sessions. Without",
        "--password-stdin a password is generated and printed once."})
public final class ResetPasswordCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "USER", description = "The admin user's name.")
  String username;

  @Option(names = "--password-stdin", description = "Read the new password from the first line of stdin.")
  boolean passwordStdin;

  /** Where --password-stdin reads; tests put their own. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    String password = passwordStdin ? readPassword() : AdminBootstrap.generatePassword();
    try (Offline offline = Offline.open(config)) {
      AdminUserStore users = new AdminUserStore(offline.db.dataSource(), offline.db.isPostgres(), offline.clock);
      String name = username.strip().toLowerCase(Locale.ROOT);
      AdminUser user = users.findByUsername(name)
          .orElseThrow(() -> new CliFailure(CliFailure.FAILED, "no admin user '" + name + "'"));
      users.update(user.id(), new AdminUserStore.Change(null, null, new PasswordHasher().hash(password)));
      new SessionStore(offline.db.dataSource(), offline.clock, offline.config.admin().sessionTtl()).closeAllOf(user.id(), null);
      if (offline.config.admin().hasPassword() && offline.config.admin().username().equals(name)) {
        spec.commandLine().getErr().println("keypool admin reset-password: WARNING: admin.password is set for '" + name
            + "' in the configuration; the next start sets that password again");
      }
    }
    var out = spec.commandLine().getOut();
    out.println(passwordStdin ? "Password of '" + username + "' reset; the user's sessions ended."
        : "Password of '" + username + "' reset to: " + password + "\n(shown only this once; the user's sessions ended)");
    out.flush();
    return 0;
  }

  private String readPassword() {
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw CliFailure.usage("cannot read the password from stdin: " + e.getMessage());
    }
    if (line == null || line.length() < ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH
        || line.length() > ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH) {
      throw CliFailure.usage("the password must be " + ConfigDefaults.ADMIN_PASSWORD_MIN_LENGTH + ".."
          + ConfigDefaults.ADMIN_PASSWORD_MAX_LENGTH + " characters");
    }
    return line;
  }
}
