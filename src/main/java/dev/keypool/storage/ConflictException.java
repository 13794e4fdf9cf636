package dev.keypool.storage;

/**
 * A write refused because it would break a uniqueness rule: a provider key name already used for that
 * provider, or a gateway key value already stored. The admin API maps it to HTTP 409.
 */
public class ConflictException extends StorageException {

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConflictException(String message) {
    super(message);
  }
}
