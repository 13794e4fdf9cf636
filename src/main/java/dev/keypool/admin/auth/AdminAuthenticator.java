package dev.keypool.admin.auth;

import java.util.Optional;

/**
 * One kind of admin API credential (session, static token, and later admin gateway keys). The
 * {@link AuthenticatorChain} asks each in turn; adding a credential type means adding one implementation
 * to the chain built by {@link AdminAuth}.
 *
 * <p>Called off the event loop, so an implementation may block (database lookups).
 */
@FunctionalInterface
public interface AdminAuthenticator {

  /** The principal the credentials prove, or empty when they carry nothing of this kind or it does not match. */
  Optional<AdminPrincipal> authenticate(AdminCredentials credentials);
}
