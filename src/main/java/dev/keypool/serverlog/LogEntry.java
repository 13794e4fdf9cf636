package dev.keypool.serverlog;

import dev.keypool.config.LogLevel;

/**
 * One line of the server's log as the admin API shows it. Every text is already cut to its bound
 * ({@link LogEntries}), so an entry holds a few kilobytes at most.
 *
 * @param seq its place in this process's log, from 1, without gaps
 * @param epochMillis when it was logged
 * @param logger the logger's full name
 * @param stack the throwable logged with it, formatted and cut short; null when none
 */
public record LogEntry(long seq, long epochMillis, LogLevel level, String logger, String thread, String message,
    String stack) {}
