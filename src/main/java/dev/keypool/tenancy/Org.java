package dev.keypool.tenancy;

import dev.keypool.quota.LimitRules;
import java.time.Instant;

/** An organization: users and keys belong to it, and its limits (monthly caps, typically) cover them all. */
public record Org(String id, String name, Status status, LimitRules limits, Instant createdAt, Instant updatedAt) {

  public boolean active() {
    return status == Status.ACTIVE;
  }
}
