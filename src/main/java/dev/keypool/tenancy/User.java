package dev.keypool.tenancy;

import dev.keypool.quota.LimitRules;
import java.time.Instant;

/**
 * A person or service that owns gateway keys and pays for what they spend.
 *
 * @param orgId the org the user belongs to, or null
 * @param prepaid false: spending is limited only by quotas; true: requests need a positive balance
 * @param balanceNanos the balance in nanos of a US dollar; changed only through the ledger
 * @param groupId the user group whose sell multiplier prices the user's requests, or null (see {@link UserGroups})
 */
public record User(String id, String name, String email, Status status, String orgId, boolean prepaid,
    long balanceNanos, LimitRules limits, Instant createdAt, Instant updatedAt, String groupId) {

  /** A user in no group. */
  public User(String id, String name, String email, Status status, String orgId, boolean prepaid,
      long balanceNanos, LimitRules limits, Instant createdAt, Instant updatedAt) {
    this(id, name, email, status, orgId, prepaid, balanceNanos, limits, createdAt, updatedAt, null);
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }

  public User withBalance(long nanos) {
    return new User(id, name, email, status, orgId, prepaid, nanos, limits, createdAt, updatedAt, groupId);
  }
}
