package dev.keypool.admin.auth;

/**
 * Thrown by an {@link AdminAuthenticator} for a credential that is valid but may not use the admin
 * API (a gateway key without the {@code admin} permission): the caller gets 403, not 401.
 */
public final class AdminForbiddenException extends RuntimeException {
  public AdminForbiddenException(String message) {
    super(message, null, false, false);
  }
}
