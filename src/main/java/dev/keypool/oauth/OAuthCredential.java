package dev.keypool.oauth;

import java.time.Instant;

/**
 * The OAuth side of a provider key that is an OAuth account, as stored: where and as whom its access
 * token is refreshed, the refresh token, when the current access token expires, and how the last
 * refresh went. The access token itself is the key's secret. {@code clientSecret} and
 * {@code refreshToken} are plaintext in memory only; {@link #toString()} leaves them out.
 *
 * @param preset the {@link OAuthPreset} the account was added with ({@code generic} when none)
 * @param scopes space-separated, as the authorization asked for them
 * @param failure how the last refresh failed ({@code rejected}, {@code transient}), or null after a success
 */
public record OAuthCredential(
    String keyId,
    String preset,
    String tokenUrl,
    String clientId,
    String clientSecret,
    String scopes,
    String refreshToken,
    Instant expiresAt,
    Instant lastRefreshAt,
    int refreshCount,
    String failure,
    String lastError,
    Instant failedAt,
    Instant createdAt) {

  public static final String REJECTED = "rejected";
  public static final String TRANSIENT = "transient";

  /** Whether the token endpoint refused the refresh token: no automatic retry until an operator acts. */
  public boolean rejected() {
    return REJECTED.equals(failure);
  }

  @Override
  public String toString() {
    return "OAuthCredential[key=" + keyId + ", preset=" + preset + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
        + ", expiresAt=" + expiresAt + ", failure=" + failure + "]";
  }
}
