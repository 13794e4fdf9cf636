package dev.keypool.admin.auth;

import dev.keypool.storage.ConflictException;

/** A change refused because no active admin would be left to manage the gateway (HTTP 409). */
public final class LastAdminException extends ConflictException {

  LastAdminException(String username) {
    super("'" + username + "' is the last active admin: create or promote another admin first.");
  }
}
