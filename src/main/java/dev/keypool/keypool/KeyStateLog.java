package dev.keypool.keypool;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of a key's state changes, one per change: cooling down, banned, probing, recovered,
 * disabled, enabled and balance exhausted or restored, each with the key's name and id, its provider, the reason and (where a failure
 * caused it) the failure class. A cooldown that is only extended, or a failure that leaves the state as
 * it was, logs nothing. Secrets never appear: the reason is the upstream's message, which names no key.
 */
final class KeyStateLog {

  private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

  private KeyStateLog() {}

  static void coolingDown(ProviderKey k, long until, FailureClass failure, String reason) {
    log.info("Provider key {} is cooling down until {} [{}]: {}", who(k), Instant.ofEpochMilli(until),
        failure.wireName(), reason);
  }

  static void banned(ProviderKey k, long until, FailureClass failure, String reason) {
    log.warn("Provider key {} is banned until {} [{}]: {}", who(k), Instant.ofEpochMilli(until), failure.wireName(),
        reason);
  }

  static void probing(ProviderKey k, String by, String banReason) {
    log.info("Provider key {} is being probed ({}) after its ban: {}", who(k), by, banReason);
  }

  static void recovered(ProviderKey k, String by, String banReason) {
    log.info("Provider key {} recovered: its probe ({}) succeeded; it was banned: {}", who(k), by, banReason);
  }

  static void disabled(ProviderKey k) {
    log.warn("Provider key {} is disabled: {}", who(k),
        k.disabledReason() == null ? "disabled by an operator" : k.disabledReason());
  }

  static void enabled(ProviderKey k, String reason) {
    log.info("Provider key {} is enabled{}", who(k), reason == null ? "" : ": " + reason);
  }

  /** E.g. "'main' (pk_1) of openai". */
  static void balanceExhausted(ProviderKey k, String reason) {
    log.warn("Provider key {} is taken out of rotation [balance_exhausted]: {}", who(k), reason);
  }

  static void balanceRestored(ProviderKey k) {
    log.info("Provider key {} is back in rotation: its balance shows money again", who(k));
  }

  private static String who(ProviderKey k) {
    return "'" + k.name() + "' (" + k.id() + ") of " + k.providerId();
  }
}
