package dev.keypool.storage;

/**
 * A stored secret could not be decrypted, almost always because the encryption key differs from the
 * one that wrote it. Startup should stop with this message rather than run with unusable keys.
 */
public class SecretDecryptionException extends RuntimeException {

  public SecretDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
