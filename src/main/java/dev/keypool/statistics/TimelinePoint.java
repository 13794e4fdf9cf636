package dev.keypool.statistics;

import java.time.Instant;

/** The usage of one timeline bucket starting at {@code start} (UTC); empty buckets have zero requests. */
public record TimelinePoint(Instant start, UsageStats stats) {}
