package dev.keypool.keypool;

import java.util.Objects;
import java.util.Set;

/**
 * What a caller asks the {@link KeyPool} for: a key of one provider, chosen by one strategy, for one
 * model route. Rotation state (round-robin cursors, smooth weights, calls-per-rotation streaks) is kept
 * per {@code routeId} and provider, so two routes sharing a provider rotate independently.
 *
 * @param callsPerRotation N for {@link Strategy#CALLS_PER_ROTATION}; values below 1 count as 1
 * @param excludeKeyIds keys this request already tried; null means none
 * @param preferredKeyId the key this request's session is bound to (session affinity), taken whatever the
 *     strategy while it is selectable and not excluded; null means none
 * @param model the upstream model asked, or null: a key's health score for that model weighs in
 */
public record BorrowRequest(
    String providerId, String routeId, Strategy strategy, int callsPerRotation, Set<String> excludeKeyIds,
    String preferredKeyId, String model) {

  public BorrowRequest {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(strategy, "strategy");
    routeId = routeId == null ? "" : routeId;
    excludeKeyIds = excludeKeyIds == null ? Set.of() : excludeKeyIds;
  }

  /** A request with no preferred key, for no model in particular. */
  public BorrowRequest(String providerId, String routeId, Strategy strategy, int callsPerRotation,
      Set<String> excludeKeyIds) {
    this(providerId, routeId, strategy, callsPerRotation, excludeKeyIds, null, null);
  }

  /** A request with no exclusions and N of 1. */
  public static BorrowRequest of(String providerId, String routeId, Strategy strategy) {
    return new BorrowRequest(providerId, routeId, strategy, 1, Set.of());
  }
}
