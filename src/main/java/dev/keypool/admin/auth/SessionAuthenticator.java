package dev.keypool.admin.auth;

import java.util.Optional;

/** Login sessions, presented as a bearer token or as the session cookie (the bearer wins). */
final class SessionAuthenticator implements AdminAuthenticator {
  private final SessionStore sessions;

  SessionAuthenticator(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<AdminPrincipal> authenticate(AdminCredentials credentials) {
    // Only values shaped like session tokens reach the database: others are some other credential.
    String token = SessionTokens.looksLikeToken(credentials.bearer()) ? credentials.bearer() : credentials.sessionCookie();
    if (!SessionTokens.looksLikeToken(token)) {
      return Optional.empty();
    }
    return sessions.find(token).map(s -> AdminPrincipal.session(s.user(), s.tokenHash(), s.expiresAt()));
  }
}
