package dev.keypool.keypool;

import java.time.Instant;

/** The answer to {@link KeyPool#borrow}: either a lease on one key or the reason no key can be lent now. */
public sealed interface Borrow {

  /** A key was chosen; the caller must end the lease with exactly one terminal call. */
  record Leased(KeyLease lease) implements Borrow {}

  /**
   * No key of the provider is selectable now.
   *
   * @param retryAt the earliest instant a key of the provider becomes selectable on its own (end of a
   *     cooldown, ban, rate-limit reset or per-key rpm window), or null if none will (all disabled, no keys,
   *     or only keys this request excluded)
   * @param reason human text, e.g. "all 2 keys of provider openai are cooling down"
   */
  record Unavailable(Instant retryAt, String reason) implements Borrow {}
}
