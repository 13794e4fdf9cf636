package dev.keypool.relay;

import dev.keypool.keypool.FailureClass;

/**
 * One upstream try of a request: the provider key used, how it ended and how long it took.
 *
 * @param status upstream HTTP status, 0 when no response arrived
 * @param failure null when the attempt succeeded
 */
public record Attempt(String providerId, String keyId, String upstreamModel, int status, FailureClass failure,
    String message, long latencyMillis) {}
