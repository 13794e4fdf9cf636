package dev.keypool.admin.auth;

import java.time.Instant;

/**
 * An operator account of the admin API. {@code status} is {@code active} or {@code disabled}; a
 * disabled user cannot log in and its sessions stop working at once.
 */
public record AdminUser(
    String id,
    String username,
    String passwordHash,
    AdminRole role,
    String status,
    Instant createdAt,
    Instant updatedAt,
    Instant lastLoginAt) {

  public static final String ACTIVE = "active";
  public static final String DISABLED = "disabled";

  public boolean active() {
    return ACTIVE.equals(status);
  }

  /** An active admin: the kind of user that must never run out. */
  public boolean activeAdmin() {
    return active() && role == AdminRole.ADMIN;
  }

  @Override
  public String toString() {
    return "AdminUser[id=" + id + ", username=" + username + ", role=" + role.wire() + ", status=" + status + "]";
  }
}
