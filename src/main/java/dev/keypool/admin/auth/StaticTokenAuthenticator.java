package dev.keypool.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The opt-in static {@code admin.token} for automation: the admin role, no user. */
final class StaticTokenAuthenticator implements AdminAuthenticator {
  private final byte[] expected;

  StaticTokenAuthenticator(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Optional<AdminPrincipal> authenticate(AdminCredentials credentials) {
    if (credentials.bearer() == null) {
      return Optional.empty();
    }
    // Constant-time comparison so the token cannot be guessed byte by byte from response times.
    boolean match = MessageDigest.isEqual(credentials.bearer().getBytes(StandardCharsets.UTF_8), expected);
    return match ? Optional.of(AdminPrincipal.staticToken()) : Optional.empty();
  }
}
