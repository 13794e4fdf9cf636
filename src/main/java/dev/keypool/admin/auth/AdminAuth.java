package dev.keypool.admin.auth;

import dev.keypool.config.AdminConfig;
import dev.keypool.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin authentication parts of one instance, wired from the configuration: user and session
 * stores, the password hasher, the login throttle, and the chain of accepted credentials.
 */
public final class AdminAuth {
  public final AdminConfig config;
  public final Clock clock;
  public final AdminUserStore users;
  public final SessionStore sessions;
  public final PasswordHasher hasher = new PasswordHasher();
  public final LoginThrottle throttle;
  public final AdminAuthenticator authenticator;

  public AdminAuth(Database db, AdminConfig config, Clock clock) {
    this(db, config, clock, null);
  }

  /** {@code gatewayKeys}: the authenticator of admin-permission gateway keys, or null to accept none. */
  public AdminAuth(Database db, AdminConfig config, Clock clock, AdminAuthenticator gatewayKeys) {
    this.config = config;
    this.clock = clock;
    this.users = new AdminUserStore(db.dataSource(), db.isPostgres(), clock);
    this.sessions = new SessionStore(db.dataSource(), clock, config.sessionTtl());
    this.throttle = new LoginThrottle(clock, config.loginMaxFailures(), config.loginWindow());
    // The credential types the admin API accepts, in the order they are tried.
    List<AdminAuthenticator> chain = new ArrayList<>();
    if (config.hasToken()) {
      chain.add(new StaticTokenAuthenticator(config.token()));
    }
    if (gatewayKeys != null) {
      chain.add(gatewayKeys);
    }
    chain.add(new SessionAuthenticator(sessions));
    this.authenticator = new AuthenticatorChain(chain);
  }

  /** Ensures an admin user exists (see {@link AdminBootstrap}) and readies the hasher; blocks. */
  public void bootstrap() {
    new AdminBootstrap(users, hasher, config).run();
    // Makes the dummy hash now, so the first login for an unknown name is not slower than the rest.
    hasher.verifyNobody("");
  }
}
