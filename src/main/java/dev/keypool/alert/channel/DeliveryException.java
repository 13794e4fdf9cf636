package dev.keypool.alert.channel;

/** A channel did not take a message; the message never contains the channel's URL or secrets. */
public final class DeliveryException extends Exception {
  public DeliveryException(String message) {
    super(message, null, false, false);
  }
}
