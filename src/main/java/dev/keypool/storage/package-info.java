/**
 * Durable state: the JDBC {@link dev.keypool.storage.Database} (SQLite or PostgreSQL, migrated by
 * Flyway), the stores for provider and gateway keys, and the {@link dev.keypool.storage.SecretCipher}
 * that keeps provider secrets encrypted at rest. Every method here blocks; the event loop reaches them
 * through {@link dev.keypool.storage.Blocking}.
 */
package dev.keypool.storage;
