package dev.keypool.config;

import java.time.Duration;
import java.util.List;

/**
 * Admin API access. Operators log in as admin users (stored in the database); {@code username} and
 * {@code password} make sure one admin user exists with that password at start (single-admin mode; an
 * empty password means "generate one if there is no admin at all"). {@code token} is an optional
 * static bearer token with the admin role, meant for automation; empty means none.
 * {@code trustedOrigins} are origins ({@code https://admin.example.com}, lower case, default port left
 * out) besides the admin listener's own from which a browser may send state-changing calls carried by
 * the session cookie: the address operators reach the admin port at through a reverse proxy.
 */
public record AdminConfig(
    String token,
    String username,
    String password,
    Duration sessionTtl,
    int loginMaxFailures,
    Duration loginWindow,
    List<String> trustedOrigins) {

  public AdminConfig {
    trustedOrigins = List.copyOf(trustedOrigins);
  }

  /** Without extra trusted origins. */
  public AdminConfig(String token, String username, String password, Duration sessionTtl, int loginMaxFailures,
      Duration loginWindow) {
    this(token, username, password, sessionTtl, loginMaxFailures, loginWindow, List.of());
  }

  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  public boolean hasPassword() {
    return password != null && !password.isEmpty();
  }

  @Override
  public String toString() {
    return "AdminConfig[token=" + (hasToken() ? "<redacted>" : "none") + ", username=" + username
        + ", password=" + (hasPassword() ? "<redacted>" : "none") + ", sessionTtl=" + sessionTtl
        + ", loginMaxFailures=" + loginMaxFailures + ", loginWindow=" + loginWindow
        + ", trustedOrigins=" + trustedOrigins + "]";
  }
}
