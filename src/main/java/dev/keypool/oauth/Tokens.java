package dev.keypool.oauth;

import java.time.Instant;

/**
 * What a token endpoint granted: the access token, the refresh token when it sent one (a rotating
 * server sends a new one with every refresh, the old one then being spent), and the access token's expiry.
 */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {
  @Override
  public String toString() {
    return "Tokens[expiresAt=" + expiresAt + ", rotated=" + (refreshToken != null) + "]";
  }
}
