package dev.keypool.keypool;

import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of one pooled key, its definition (secret redacted) and live state, for the
 * admin API and logs.
 *
 * @param stateReason why the key is not plainly healthy (ban reason, cooldown cause, cap reached), or null
 * @param failuresInWindow failures counting toward a ban within the ban window now
 * @param health the key's health score, as last computed off the request path
 * @param modelHealth the key's health score per model it served recently (see {@link ModelVitals})
 */
public record KeySnapshot(
    String id,
    String providerId,
    String name,
    String secretHint,
    int priority,
    int weight,
    List<String> tags,
    boolean enabled,
    KeyState state,
    String stateReason,
    Instant cooldownUntil,
    Instant bannedUntil,
    int failuresInWindow,
    int inFlight,
    long totalRequests,
    long totalFailures,
    String lastError,
    Instant lastUsedAt,
    RateLimitSnapshot rateLimit,
    HealthScore health,
    List<ModelScore> modelHealth) {}
