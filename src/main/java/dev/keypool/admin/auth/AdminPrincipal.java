package dev.keypool.admin.auth;

import java.time.Instant;

/**
 * Who is calling the admin API, as proven by one {@link AdminAuthenticator}: the role decides what is
 * allowed; {@code user} is null for credentials that belong to no admin user (the static token).
 *
 * @param via the kind of credential ({@code session}, {@code token}, ...), shown by {@code /api/auth/me}
 * @param sessionHash the stored hash of the session token, so logout can delete exactly this session
 */
public record AdminPrincipal(AdminRole role, String via, AdminUser user, String sessionHash, Instant expiresAt) {

  public static AdminPrincipal staticToken() {
    return new AdminPrincipal(AdminRole.ADMIN, "token", null, null, null);
  }

  /** An admin-permission gateway key: the admin role, no user, as long as the key stays usable. */
  public static AdminPrincipal gatewayKey() {
    return new AdminPrincipal(AdminRole.ADMIN, "gateway_key", null, null, null);
  }

  public static AdminPrincipal session(AdminUser user, String sessionHash, Instant expiresAt) {
    return new AdminPrincipal(user.role(), "session", user, sessionHash, expiresAt);
  }

  public boolean isAdmin() {
    return role == AdminRole.ADMIN;
  }
}
