package dev.keypool.config;

import java.time.Duration;

/**
 * Admin API access. Operators log in as admin users (stored in the database); {@code username} and
 * {@code password} make sure one admin user exists with that password at start (single-admin mode; an
 * empty password means "generate one if there is no admin at all"). {@code token} is an optional
 * static bearer token with the admin role, meant for automation; empty means none.
 */
public record AdminConfig(
    String token,
    String username,
    String password,
    Duration sessionTtl,
    int loginMaxFailures,
    Duration loginWindow) {

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
        + ", loginMaxFailures=" + loginMaxFailures + ", loginWindow=" + loginWindow + "]";
  }
}
