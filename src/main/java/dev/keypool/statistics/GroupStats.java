package dev.keypool.statistics;

/** The usage of one key, model or provider; {@code id} is null for requests that had none (e.g. no key was reached). */
public record GroupStats(String id, UsageStats stats) {}
