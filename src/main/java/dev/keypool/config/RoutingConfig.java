package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.time.Duration;
import java.util.Set;

/**
 * Defaults for every model route, and the key-health policy.
 *
 * @param defaultStrategy strategy of routes that name none
 * @param maxAttempts upstream attempts per request across keys and candidates
 * @param totalTimeout deadline for a request over all its attempts, until the first byte is sent
 * @param callsPerRotation N for the {@code calls_per_rotation} strategy
 * @param defaultCooldown cooldown of a rate-limited or failing key when the upstream names none
 * @param ban auto-ban policy
 */
public record RoutingConfig(
    Strategy defaultStrategy,
    int maxAttempts,
    Duration totalTimeout,
    int callsPerRotation,
    Duration defaultCooldown,
    BanPolicy ban) {

  /**
   * A key whose upstream answers one of {@code statusCodes} {@code threshold} times within
   * {@code window} is banned for {@code duration} (doubling on each failed probe, up to
   * {@code maxDuration}); then one half-open probe decides whether it comes back.
   */
  public record BanPolicy(
      Set<Integer> statusCodes, int threshold, Duration window, Duration duration, Duration maxDuration) {

    public BanPolicy {
      statusCodes = Set.copyOf(statusCodes);
    }
  }
}
