package dev.keypool.translate;

/**
 * An error as a client of one format should see it: HTTP status, error type and code in that format's
 * vocabulary ({@code code} may be null), and the upstream's message.
 */
public record ClientError(int status, String type, String code, String message) {}
