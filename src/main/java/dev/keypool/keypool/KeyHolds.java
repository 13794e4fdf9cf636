package dev.keypool.keypool;

/**
 * What holds a key out of rotation besides its health (cooldowns and bans, {@link KeyHealth}) and the
 * upstream's rate-limit figures ({@link Headroom}): an empty balance, an OAuth token that expired or
 * could not be refreshed, and the key's own cap of requests per minute. Not thread-safe: guarded by
 * the {@link PooledKey}'s lock.
 */
final class KeyHolds {
  static final long MINUTE = 60_000L;

  /** Why a balance reading took the key out of rotation, or null while it has money (or no policy). */
  private String balanceExhausted;
  /** When an OAuth key's access token expires ({@link Millis#NONE}: not an OAuth key); set off the request path. */
  private long credentialExpiresAt = Millis.NONE;
  /** Why an OAuth key's token could not be refreshed, or null while it can. */
  private String credentialFailure;
  /** The requests of the last minute, when the key has a per-minute cap; null when it has none. */
  private SlidingWindow minute;

  KeyHolds(int requestsPerMinute) {
    this.minute = requestsPerMinute > 0 ? new SlidingWindow(requestsPerMinute) : null;
  }

  /** Follows a new per-minute cap ({@code 0}: none), keeping the requests already counted. */
  void capPerMinute(int rpm) {
    if (rpm <= 0) {
      minute = null;
    } else if (minute == null || minute.capacity() != rpm) {
      minute = minute == null ? new SlidingWindow(rpm) : minute.resized(rpm);
    }
  }

  /** Counts a request against the per-minute cap. */
  void counted(long now) {
    if (minute != null) {
      minute.record(now, 0);
    }
  }

  /** Whether the per-minute cap is reached at {@code now}. */
  boolean capReached(long now) {
    return minute != null && minute.fullAfter(now - MINUTE);
  }

  /** When the oldest request of a full minute leaves it. */
  long capFreesAt() {
    return minute.oldest() + MINUTE;
  }

  String capReason() {
    return "at its cap of " + minute.capacity() + " requests per minute";
  }

  /** Sets or clears the balance reason; true when that changed whether the key is held. */
  boolean balanceExhausted(String reason) {
    boolean changed = (balanceExhausted == null) != (reason == null);
    balanceExhausted = reason;
    return changed;
  }

  /** Why an empty balance holds the key, or null. */
  String balanceReason() {
    return balanceExhausted;
  }

  /**
   * The OAuth access token's expiry and why it could not be refreshed (null: it can); {@code expiresAt}
   * {@link Millis#NONE} for a key that is not an OAuth account. Returns whether the failure changed.
   */
  boolean credential(long expiresAt, String failure) {
    boolean changed = (credentialFailure == null) != (failure == null);
    credentialExpiresAt = expiresAt;
    credentialFailure = failure;
    return changed;
  }

  /** An OAuth key whose refresh failed for good or whose token expired before a refresh came. */
  boolean credentialDown(long now) {
    return credentialFailure != null || (credentialExpiresAt != Millis.NONE && now >= credentialExpiresAt);
  }

  String credentialReason() {
    return credentialFailure != null ? "OAuth token refresh failed: " + credentialFailure
        : "OAuth access token expired at " + Millis.instant(credentialExpiresAt) + "; waiting for its refresh";
  }
}
