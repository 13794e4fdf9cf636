package dev.keypool.relay;

import dev.keypool.keypool.FailureClass;

/**
 * One upstream try of a request: the provider key used, how it ended and how long it took.
 *
 * @param status upstream HTTP status, 0 when no response arrived
 * @param failure null when the attempt succeeded (or the client went away)
 * @param bytes response body bytes received from the upstream
 * @param startedAt wall-clock start, from the gateway's clock
 */
public record Attempt(String providerId, String keyId, String upstreamModel, int status, FailureClass failure,
    String message, long latencyMillis, long bytes, java.time.Instant startedAt) {}
