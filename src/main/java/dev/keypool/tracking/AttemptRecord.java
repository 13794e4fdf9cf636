package dev.keypool.tracking;

import java.time.Instant;

/**
 * One upstream try of a recorded request, as stored: which provider key was used, for which
 * upstream model, how it ended and how long it took.
 *
 * @param attemptNo 1 for the first try, counting up
 * @param status upstream HTTP status, 0 when no response arrived
 * @param failureClass null when the attempt succeeded, else a {@code FailureClass} name
 * @param bytes response bytes received from the upstream
 */
public record AttemptRecord(int attemptNo, String providerId, String providerKeyId, String upstreamModel, int status,
    String failureClass, String message, long latencyMillis, long bytes, Instant startedAt) {}
