package dev.keypool.keypool;

/**
 * A key's {@link KeyState} and the reason shown with it, read from its parts: the operator's switch,
 * the {@link KeyHolds}, its {@link KeyHealth} and the upstream's {@link Headroom}. Called under the
 * {@link PooledKey}'s lock.
 */
final class KeyStates {
  private KeyStates() {}

  /** @param probeElsewhere the key's half-open probe is left to another instance of the shared pool */
  static KeyState state(ProviderKey definition, KeyHolds holds, KeyHealth health, boolean probeElsewhere, long now) {
    if (!definition.enabled()) {
      return KeyState.DISABLED;
    }
    if (holds.balanceReason() != null) {
      return KeyState.BALANCE_EXHAUSTED;
    }
    if (holds.credentialDown(now)) {
      return KeyState.CREDENTIAL_EXPIRED;
    }
    if (health.banned()) {
      return health.probeOut() || (probeElsewhere && now >= health.bannedUntil()) ? KeyState.PROBING
          : KeyState.BANNED;
    }
    return now < health.cooldownUntil() ? KeyState.COOLING_DOWN : KeyState.HEALTHY;
  }

  static String reason(KeyState state, ProviderKey definition, KeyHolds holds, KeyHealth health, Headroom headroom,
      long now) {
    return switch (state) {
      case DISABLED -> definition.disabledReason() != null ? definition.disabledReason() : "disabled by an operator";
      case BANNED -> now < health.bannedUntil() ? health.banReason() : health.banReason() + " (probe due)";
      case BALANCE_EXHAUSTED -> "balance_exhausted: " + holds.balanceReason();
      case CREDENTIAL_EXPIRED -> holds.credentialReason();
      case PROBING -> health.probeOut() ? "half-open probe in flight after: " + health.banReason()
          : "half-open probe left to one instance of the shared pool after: " + health.banReason();
      case COOLING_DOWN -> health.cooldownReason();
      case HEALTHY -> {
        long exhausted = headroom.exhaustedUntil(now);
        if (exhausted != Millis.NONE) {
          yield "upstream rate limit spent until " + Millis.instant(exhausted);
        }
        yield holds.capReached(now) ? holds.capReason() : null;
      }
    };
  }
}
