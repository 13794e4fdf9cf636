package dev.keypool.routing;

/**
 * What a reloaded configuration file will put in effect ({@code next}), computed with nothing changed
 * yet; {@code commit} makes the overrides hold the new file (no I/O, cannot fail), so a reload whose
 * later steps fail leaves them as they were.
 */
public record PendingSwap<T>(T next, Runnable commit) {}
