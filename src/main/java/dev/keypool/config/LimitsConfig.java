package dev.keypool.config;

/** Request-size limits of the proxy port. */
public record LimitsConfig(long maxBodyBytes) {}
