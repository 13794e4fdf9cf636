package dev.keypool.balance;

/** A balance could not be read; the message says why in words, with no secret in it. */
public final class BalanceException extends RuntimeException {
  public BalanceException(String message) {
    super(message, null, false, false);
  }
}
