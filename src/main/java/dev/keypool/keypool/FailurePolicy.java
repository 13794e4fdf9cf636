package dev.keypool.keypool;

import dev.keypool.config.RoutingConfig;
import dev.keypool.config.RoutingConfig.BanPolicy;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a failed lease does to its key's health, decided by {@link FailureClass} alone: one exhaustive
 * switch, so a new class cannot be added without deciding its penalty here.
 *
 * <p>A half-open probe is judged on the same evidence that bans: a probe failing with a failure that
 * counts toward a ban (or with QUOTA) bans the key again for twice as long; any other failure (a rate
 * limit, an overload, the caller's fault) says nothing about the credential, so it only frees the probe
 * slot and gets its ordinary penalty.
 */
final class FailurePolicy {

  /** Transient failures in a row that cool a key down. */
  static final int TRANSIENT_RUN = 3;

  /** The routing policy in effect: a reload swaps it, so it is read once per failure. */
  private final Supplier<RoutingConfig> routing;

  FailurePolicy(Supplier<RoutingConfig> routing) {
    this.routing = routing;
  }

  /**
   * Applies one failure to {@code health}.
   *
   * @param retryAfter the upstream's explicit wait, or null
   * @param headerRecovery epoch ms at which the response's rate-limit headers say the key recovers, or
   *     {@link Millis#NONE}
   * @param timedOut whether the upstream did not answer within a timeout (a TRANSIENT failure): the key
   *     cools down at once, since every request sent to it meanwhile would pay the whole timeout again
   */
  void apply(KeyHealth health, boolean probe, FailureClass failure, int status, Duration retryAfter,
      long headerRecovery, String message, long now, boolean timedOut) {
    RoutingConfig policy = routing.get();
    BanPolicy ban = policy.ban();
    boolean evidence = failure.countsTowardBan(status, ban.statusCodes());
    if (probe && health.banned()) {
      if (evidence || failure == FailureClass.QUOTA) {
        health.reban(now, ban, "probe failed: " + describe(failure, status, message));
        return;
      }
      health.probeReleased();
    }
    long defaultCooldown = Millis.plus(now, policy.defaultCooldown());
    switch (failure) {
      case RATE_LIMIT -> health.coolDown(
          retryAfter != null ? Millis.plus(now, retryAfter)
              : headerRecovery != Millis.NONE ? headerRecovery : defaultCooldown,
          "rate limited: " + message);
      case QUOTA -> health.ban(now, ban.duration(), "quota exhausted: " + message);
      // Counted toward the ban below; the cooldown keeps the next borrow from picking it at once.
      case CREDENTIAL -> health.coolDown(defaultCooldown, "credential rejected (" + status + "): " + message);
      case OVERLOADED -> {
        if (retryAfter != null) {
          health.coolDown(Millis.plus(now, retryAfter), "upstream overloaded: " + message);
        }
      }
      // A bad answer is as likely to pass as a network error (a proxy's hiccup), and as likely to
      // repeat when something stands in front of the upstream: both count in the same run.
      case TRANSIENT, BAD_RESPONSE -> {
        if (timedOut) {
          health.coolDown(defaultCooldown, "timed out: " + message);
        } else if (health.transientRunReached(TRANSIENT_RUN)) {
          health.coolDown(defaultCooldown, TRANSIENT_RUN + " transient failures in a row: " + message);
        }
      }
      // About the model or the request, not the key.
      case MODEL_ACCESS, CALLER_FAULT -> {}
    }
    if (evidence && health.countTowardBan(now, status, ban) && !health.banned()) {
      health.ban(now, ban.duration(),
          "banned after " + health.banFailureSummary(now, ban) + " within " + ban.window() + ": " + message);
    }
  }

  /** The text kept as a key's last error, e.g. "429 rate_limit: Too many requests". */
  static String describe(FailureClass failure, int status, String message) {
    return (status == 0 ? "network" : String.valueOf(status)) + " " + failure.wireName() + ": " + message;
  }
}
