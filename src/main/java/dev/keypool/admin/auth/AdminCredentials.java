package dev.keypool.admin.auth;

/**
 * What a request to the admin API presented: the value of {@code Authorization: Bearer ...} and the
 * session cookie, either possibly null, and the client's address (the TCP peer, for gateway keys'
 * IP allow-lists). Kept apart from Vert.x types so authenticators are plain code.
 */
public record AdminCredentials(String bearer, String sessionCookie, String clientIp) {

  public AdminCredentials(String bearer, String sessionCookie) {
    this(bearer, sessionCookie, null);
  }

  @Override
  public String toString() {
    return "AdminCredentials[bearer=" + (bearer == null ? "none" : "<redacted>")
        + ", sessionCookie=" + (sessionCookie == null ? "none" : "<redacted>") + "]";
  }
}
