package dev.keypool.admin;

import dev.keypool.health.CheckResult;
import dev.keypool.keypool.HealthScore;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.keypool.RateLimitSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider key as the admin API shows it: its definition with the secret reduced to a hint, its
 * live state in the pool, and its latest balance reading from memory ({@code balance}, null when none).
 */
record ProviderKeyView(
    String id, String provider, String name, String secretHint, int priority, int weight, List<String> tags,
    String notes, int requestsPerMinute, boolean enabled, String disabledReason, String source,
    String createdAt, String updatedAt, LiveState live, CheckResult lastCheck, Map<String, Object> balance,
    OAuth oauth) {

  /**
   * The OAuth side of a key that is an OAuth account (null for other keys): where its token is refreshed,
   * when the access token expires, the last refresh and how the last failed one failed. No token.
   */
  record OAuth(String preset, String tokenUrl, String clientId, String scopes, String expiresAt, String lastRefreshAt,
      int refreshCount, String failure, String lastError, String failedAt) {
    static OAuth of(dev.keypool.oauth.OAuthCredential c) {
      return c == null ? null : new OAuth(c.preset(), c.tokenUrl(), c.clientId(), c.scopes(), str(c.expiresAt()),
          str(c.lastRefreshAt()), c.refreshCount(), c.failure(), c.lastError(), str(c.failedAt()));
    }
  }

  /**
   * Live state: cooldowns, bans, failures, in-flight requests, the upstream's rate-limit figures, the
   * health score and the health score per model served recently.
   */
  record LiveState(String state, String reason, String cooldownUntil, String bannedUntil, int failuresInWindow,
      int inFlight, long totalRequests, long totalFailures, String lastError, String lastUsedAt, RateLimit rateLimit,
      Health health, List<ModelHealth> modelHealth) {}

  /** The key's health score (0..1) and what it is made of; see {@code keypool/HealthScores}. */
  record Health(double score, double successRate, Long latencyMs, double latencyFactor, int outcomes,
      String lastFailure) {}

  /** The key's health score for one model it served recently (refusals of that model count). */
  record ModelHealth(String model, Health health) {}

  /** The last rate-limit headers the upstream sent for this key. */
  record RateLimit(Long requestsLimit, Long requestsRemaining, String requestsReset, Long tokensLimit,
      Long tokensRemaining, String tokensReset, String updatedAt) {}

  static ProviderKeyView of(ProviderKey key, KeySnapshot snap, CheckResult lastCheck, Map<String, Object> balance,
      dev.keypool.oauth.OAuthCredential oauth) {
    return new ProviderKeyView(key.id(), key.providerId(), key.name(), key.secretHint(), key.priority(), key.weight(),
        key.tags(), key.notes(), key.requestsPerMinute(), key.enabled(), key.disabledReason(), key.source(),
        str(key.createdAt()), str(key.updatedAt()), snap == null ? null : live(snap), lastCheck, balance,
        OAuth.of(oauth));
  }

  private static LiveState live(KeySnapshot s) {
    RateLimitSnapshot r = s.rateLimit();
    RateLimit rate = r == null ? null : new RateLimit(r.requestsLimit(), r.requestsRemaining(), str(r.requestsReset()),
        r.tokensLimit(), r.tokensRemaining(), str(r.tokensReset()), str(r.updatedAt()));
    return new LiveState(s.state().name().toLowerCase(java.util.Locale.ROOT), s.stateReason(), str(s.cooldownUntil()),
        str(s.bannedUntil()), s.failuresInWindow(), s.inFlight(), s.totalRequests(), s.totalFailures(), s.lastError(),
        str(s.lastUsedAt()), rate, health(s.health()),
        s.modelHealth().stream().map(m -> new ModelHealth(m.model(), health(m.health()))).toList());
  }

  private static Health health(HealthScore h) {
    return h == null ? null : new Health(h.score(), h.successRate(), h.latencyMs(), h.latencyFactor(), h.outcomes(),
        h.lastFailure() == null ? null : h.lastFailure().wireName());
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
