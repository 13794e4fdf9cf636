package dev.keypool.config;

import java.time.Duration;

/**
 * Per-provider upstream timeouts: to open a connection, until the response headers arrive, of
 * silence between two body chunks (stream events), and for the whole attempt.
 */
public record TimeoutsConfig(Duration connect, Duration firstByte, Duration idle, Duration total) {}
