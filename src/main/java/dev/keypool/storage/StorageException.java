package dev.keypool.storage;

/**
 * An unchecked failure of the database layer. Stores wrap {@link java.sql.SQLException} in it so
 * callers need not handle a checked exception they cannot act on; the message names the operation.
 */
public class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
