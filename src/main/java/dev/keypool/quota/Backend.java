package dev.keypool.quota;

/** Where a reservation's counters live, so that it settles where it was made. */
public enum Backend {
  /** This instance's memory ({@link LocalQuotaEngine}). */
  LOCAL,
  /** Redis, shared by every instance ({@link RedisQuotaEngine}). */
  REDIS
}
