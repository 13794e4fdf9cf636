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

  /** {@code origin}: the instance that made the change and logged it, or null when it was made here. */
  static void disabled(ProviderKey k, String origin) {
    String reason = k.disabledReason() == null ? "disabled by an operator" : k.disabledReason();
    if (origin == null) {
      log.warn("Provider key {} is disabled: {}", who(k), reason);
    } else {
      log.debug("Provider key {} is disabled (from instance {}): {}", who(k), origin, reason);
    }
  }

  static void enabled(ProviderKey k, String reason, String origin) {
    if (origin == null) {
      log.info("Provider key {} is enabled{}", who(k), reason == null ? "" : ": " + reason);
    } else {
      log.debug("Provider key {} is enabled (from instance {})", who(k), origin);
    }
  }

  /**
   * A change another instance of a shared pool made, and logged once there: here at DEBUG only, with its
   * origin, so that a deployment's log holds each change once.
   */
  static void adopted(ProviderKey k, KeyChange c, String origin) {
    if (log.isDebugEnabled()) {
      log.debug("Provider key {}: {} (from instance {}){}", who(k), switch (c.kind()) {
        case COOLING_DOWN -> "cooling down until " + Instant.ofEpochMilli(c.until());
        case BANNED -> "banned until " + Instant.ofEpochMilli(c.until());
        case RECOVERED -> "recovered";
        case FORGIVEN -> "enabled by an operator";
      }, origin, c.reason() == null ? "" : ": " + c.reason());
    }
  }

  /** E.g. "'main' (pk_1) of openai". */
  static void balanceExhausted(ProviderKey k, String reason) {
    log.warn("Provider key {} is taken out of rotation [balance_exhausted]: {}", who(k), reason);
  }

  static void balanceRestored(ProviderKey k) {
    log.info("Provider key {} is back in rotation: its balance shows money again", who(k));
  }

  /** {@code failure}: why the OAuth token cannot be refreshed, or null once it was. */
  static void credential(ProviderKey k, String failure) {
    if (failure != null) {
      log.warn("Provider key {} is taken out of rotation [credential]: its OAuth token refresh failed: {}", who(k),
          failure);
    } else {
      log.info("Provider key {} is back in rotation: its OAuth token was refreshed", who(k));
    }
  }

  private static String who(ProviderKey k) {
    return "'" + k.name() + "' (" + k.id() + ") of " + k.providerId();
  }
}
