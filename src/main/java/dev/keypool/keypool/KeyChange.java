package dev.keypool.keypool;

/**
 * One change of a key's penalties, as one instance tells the others when the pool is shared
 * ({@link KeySharing}): small, self-contained, and safe to apply twice or out of order, because applying
 * one only ever extends a cooldown, adopts a ban that ends later, or ends the ban it names.
 *
 * @param until epoch ms: when the cooldown or ban ends; for {@link Kind#RECOVERED}, when the ended ban did
 * @param banLengthMs for {@link Kind#BANNED}: the ban's length, from which a failed probe doubles it
 * @param reason why, as the local log line says it; null for {@link Kind#FORGIVEN}
 */
public record KeyChange(Kind kind, String keyId, long until, long banLengthMs, String reason) {

  public enum Kind {
    /** Cooling down until {@code until}. */
    COOLING_DOWN,
    /** Banned until {@code until}; its half-open probe decides afterwards. */
    BANNED,
    /** The half-open probe of the ban that ran until {@code until} succeeded: the ban is over. */
    RECOVERED,
    /** An operator enabled the key: cooldown, ban and an empty balance are forgotten. */
    FORGIVEN
  }

  static KeyChange coolingDown(String keyId, long until, String reason) {
    return new KeyChange(Kind.COOLING_DOWN, keyId, until, 0, reason);
  }

  static KeyChange banned(String keyId, long until, long lengthMs, String reason) {
    return new KeyChange(Kind.BANNED, keyId, until, lengthMs, reason);
  }

  static KeyChange recovered(String keyId, long bannedUntil, String banReason) {
    return new KeyChange(Kind.RECOVERED, keyId, bannedUntil, 0, banReason);
  }

  static KeyChange forgiven(String keyId) {
    return new KeyChange(Kind.FORGIVEN, keyId, 0, 0, null);
  }
}
