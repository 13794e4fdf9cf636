package dev.keypool.tenancy;

import dev.keypool.storage.ConflictException;

/** A user was to be put into a stored user group that does not exist (any more): nothing was written. */
public final class UnknownGroupException extends ConflictException {
  private final String groupId;

  public UnknownGroupException(String groupId) {
    super("unknown user group '" + groupId + "'");
    this.groupId = groupId;
  }

  public String groupId() {
    return groupId;
  }
}
