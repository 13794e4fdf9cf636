package dev.keypool.admin.auth;

import dev.keypool.config.AdminConfig;
import dev.keypool.serverlog.LogMarkers;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure someone can log in after start:
 * <ul>
 *   <li>with {@code admin.password} set (single-admin mode), the user {@code admin.username} exists, is an
 *       active admin and has that password (changing the file changes the password at the next start);</li>
 *   <li>without it, when there is no active admin at all, the user {@code admin.username} is created (or
 *       restored) with a generated password, logged once: only its hash is kept, so it cannot be shown again.</li>
 * </ul>
 * Blocks (hashing, JDBC).
 */
public final class AdminBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AdminUserStore users;
  private final PasswordHasher hasher;
  private final AdminConfig config;

  public AdminBootstrap(AdminUserStore users, PasswordHasher hasher, AdminConfig config) {
    this.users = users;
    this.hasher = hasher;
    this.config = config;
  }

  public void run() {
    if (config.hasPassword()) {
      ensure(config.password(), false);
    } else if (users.countActiveAdmins() == 0) {
      String generated = generatePassword();
      ensure(generated, true);
      // The one place a password is logged: there is no other way to hand it to the operator. To the
      // console only: the admin API's log view and log file are open to viewers.
      log.warn(LogMarkers.CONSOLE_ONLY, "No admin user existed: created admin user '{}' with the generated password: {}"
          + "  (shown only this once; log in and change it, or set admin.password)", config.username(), generated);
    }
  }

  private void ensure(String password, boolean generated) {
    Optional<AdminUser> existing = users.findByUsername(config.username());
    if (existing.isEmpty()) {
      users.create(config.username(), hasher.hash(password), AdminRole.ADMIN);
      if (!generated) {
        log.info("Created admin user '{}' from admin.password", config.username());
      }
      return;
    }
    AdminUser u = existing.get();
    boolean samePassword = hasher.verify(password, u.passwordHash());
    if (samePassword && u.activeAdmin()) {
      return;
    }
    users.update(u.id(), new AdminUserStore.Change(AdminRole.ADMIN, AdminUser.ACTIVE,
        samePassword ? null : hasher.hash(password)));
    if (!generated) {
      log.info("Admin user '{}' set to the role admin, active, with the password of admin.password", config.username());
    }
  }

  public static String generatePassword() {
    var out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
