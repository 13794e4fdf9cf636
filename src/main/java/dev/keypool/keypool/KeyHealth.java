package dev.keypool.keypool;

import dev.keypool.config.RoutingConfig.BanPolicy;
import java.time.Duration;
import java.util.Arrays;

/**
 * The penalties one key carries: a cooldown, a ban with its half-open probe, the failures that count
 * toward the next ban, and the run of transient failures. Only {@link FailurePolicy} and the lease
 * outcomes change it. Not thread-safe: guarded by its {@link PooledKey}.
 */
final class KeyHealth {

  private long cooldownUntil = Millis.NONE;
  private String cooldownReason;
  private boolean banned;
  private long bannedUntil = Millis.NONE;
  private String banReason;
  private Duration banLength;
  private boolean probeOut;
  /** Whether this instance holds the shared lease to probe the current ban (pools shared, see KeySharing). */
  private boolean probeClaimed;
  private int consecutiveTransient;
  private SlidingWindow banFailures;

  KeyHealth(BanPolicy policy) {
    banFailures = new SlidingWindow(policy.threshold());
  }

  /** Extends the cooldown to {@code until}; a shorter cooldown never cuts a longer one short. */
  void coolDown(long until, String reason) {
    if (until > cooldownUntil) {
      cooldownUntil = until;
      cooldownReason = reason;
    }
  }

  void ban(long now, Duration length, String reason) {
    banned = true;
    banLength = length;
    bannedUntil = Millis.plus(now, length);
    banReason = reason;
    probeClaimed = false;
    banFailures.clear();
  }

  /** A failed probe: banned again for twice the last ban, capped by the policy. */
  void reban(long now, BanPolicy policy, String reason) {
    Duration doubled = banLength == null ? policy.duration() : banLength.multipliedBy(2);
    probeOut = false;
    ban(now, doubled.compareTo(policy.maxDuration()) > 0 ? policy.maxDuration() : doubled, reason);
  }

  /**
   * Records a failure that counts toward a ban.
   *
   * @return whether the key now has {@code threshold} such failures within the window
   */
  boolean countTowardBan(long now, int status, BanPolicy policy) {
    if (banFailures.capacity() != Math.max(1, policy.threshold())) {
      // The threshold was changed by a configuration reload: keep the most recent failures that fit.
      banFailures = banFailures.resized(policy.threshold());
    }
    banFailures.record(now, status);
    return policy.threshold() > 0 && banFailures.fullAfter(Millis.plus(now, policy.window().negated()));
  }

  /** E.g. "3 x 401", or "3 failures (401, 403, 401)" when statuses differ. */
  String banFailureSummary(long now, BanPolicy policy) {
    int[] statuses = banFailures.tagsAfter(Millis.plus(now, policy.window().negated()));
    boolean same = Arrays.stream(statuses).distinct().count() == 1;
    return same ? statuses.length + " x " + statuses[0]
        : statuses.length + " failures " + Arrays.toString(statuses).replace('[', '(').replace(']', ')');
  }

  int failuresInWindow(long now, BanPolicy policy) {
    return banFailures.countAfter(Millis.plus(now, policy.window().negated()));
  }

  /** Counts a transient failure; true (and the run restarts) when it is the {@code limit}-th in a row. */
  boolean transientRunReached(int limit) {
    if (++consecutiveTransient < limit) {
      return false;
    }
    consecutiveTransient = 0;
    return true;
  }

  void succeeded(boolean probe) {
    consecutiveTransient = 0;
    if (probe && banned) {
      endBan();
    }
  }

  private void endBan() {
    banned = false;
    probeOut = false;
    probeClaimed = false;
    banLength = null;
    bannedUntil = Millis.NONE;
    banReason = null;
    banFailures.clear();
  }

  /** Another instance cooled the key down: extends the cooldown; true when it did. */
  boolean adoptCooldown(long until, String reason) {
    if (until <= cooldownUntil) {
      return false;
    }
    coolDown(until, reason);
    return true;
  }

  /**
   * Another instance banned the key: adopts its ban unless the key is already banned until as late, so
   * that instances banning at once agree on the later end (and so on one probe lease).
   */
  boolean adoptBan(long until, long lengthMs, String reason) {
    if (banned && bannedUntil >= until) {
      return false;
    }
    banned = true;
    bannedUntil = until;
    banLength = lengthMs > 0 ? Duration.ofMillis(lengthMs) : null;
    banReason = reason;
    probeOut = false;
    probeClaimed = false;
    banFailures.clear();
    return true;
  }

  /** Another instance's probe ended the ban that ran until {@code until}; a later ban here stays. */
  boolean adoptRecovery(long until) {
    if (!banned || bannedUntil > until) {
      return false;
    }
    endBan();
    consecutiveTransient = 0;
    return true;
  }

  /** This instance won the shared lease to probe the current ban. */
  void claimProbe() {
    probeClaimed = true;
  }

  boolean probeClaimed() {
    return probeClaimed;
  }

  /** The length of the current ban in ms, 0 if unknown. */
  long banLengthMs() {
    return banLength == null ? 0 : banLength.toMillis();
  }

  /** The probe ended without a verdict about the key; the next borrow may probe again. */
  void probeReleased() {
    probeOut = false;
  }

  /** Whether the ban is over and no probe is out, so one borrow may take the key as its probe. */
  boolean probeDue(long now) {
    return banned && !probeOut && now >= bannedUntil;
  }

  void probeStarted() {
    probeOut = true;
  }

  /** Forgets every penalty: an operator re-enabled the key. */
  void clear(BanPolicy policy) {
    cooldownUntil = Millis.NONE;
    cooldownReason = null;
    banned = false;
    bannedUntil = Millis.NONE;
    banReason = null;
    banLength = null;
    probeOut = false;
    probeClaimed = false;
    consecutiveTransient = 0;
    banFailures = new SlidingWindow(policy.threshold());
  }

  boolean banned() {
    return banned;
  }

  boolean probeOut() {
    return probeOut;
  }

  long bannedUntil() {
    return bannedUntil;
  }

  String banReason() {
    return banReason;
  }

  long cooldownUntil() {
    return cooldownUntil;
  }

  String cooldownReason() {
    return cooldownReason;
  }
}
