package dev.keypool.keypool;

/** The health of one key as the pool sees it now. */
public enum KeyState {
  /** Selectable (subject to its per-minute cap and upstream rate-limit headroom, which are not states). */
  HEALTHY,
  /** Skipped until {@code cooldownUntil}: rate limited, or failing, but expected to recover by itself. */
  COOLING_DOWN,
  /**
   * Skipped until {@code bannedUntil} because failures said the key itself is bad (rejected, out of quota).
   * Once the ban ends the key stays BANNED until a single half-open probe lease decides.
   */
  BANNED,
  /** A banned key whose one half-open probe is in flight; no other lease gets it until the probe ends. */
  PROBING,
  /** Turned off by an operator; never chosen and never re-enabled by the pool itself. */
  DISABLED,
  /**
   * Out of rotation because a balance reading showed it at or below the provider's minimum balance
   * ({@code balance_exhausted}); back as soon as a later reading shows money. An operator's disable wins.
   */
  BALANCE_EXHAUSTED,
  /**
   * An OAuth account whose access token expired before a refresh replaced it, or whose refresh failed
   * (the refresh token was refused); back as soon as a refresh succeeds.
   */
  CREDENTIAL_EXPIRED
}
