package dev.keypool.oauth;

/**
 * A token request that failed. {@link #rejected()} says the authorization server refused the grant or
 * the client (a 4xx such as {@code invalid_grant}: a revoked or already used refresh token), which no
 * retry mends; otherwise the failure is transient (network, timeout, 5xx, 429). The message names the
 * endpoint and what it answered, never a token.
 */
public final class TokenException extends RuntimeException {
  private final boolean rejected;

  public TokenException(String message, boolean rejected) {
    super(message, null, false, false);
    this.rejected = rejected;
  }

  public boolean rejected() {
    return rejected;
  }
}
