package dev.keypool.keypool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One loan of a key to one upstream attempt. The caller reports what the upstream said with exactly one
 * terminal call ({@link #succeed}, {@link #fail} or {@link #abandon}); the first one releases the
 * in-flight slot and gives the verdict, later ones are ignored, so a cleanup path may always call
 * {@link #abandon} after the verdict without double counting. Thread-safe.
 */
public final class KeyLease {

  private final PooledKey pooled;
  private final ProviderKey key;
  private final boolean probe;
  private final Clock clock;
  private final FailurePolicy policy;
  private final boolean check;
  private final long startedAt;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile RateLimitUpdate lastHeaders = RateLimitUpdate.NONE;
  private volatile long measuredLatency = -1;
  /** The upstream model the lease serves, or null (a health check); its outcome also counts for it. */
  private final String model;

  /**
   * @param check whether a health check holds the lease: its latency is not compared with requests'
   * @param startedAt epoch ms at which the key was lent
   * @param model the upstream model asked, or null
   */
  KeyLease(PooledKey pooled, boolean probe, boolean check, long startedAt, Clock clock, FailurePolicy policy,
      String model) {
    this.model = model;
    this.pooled = pooled;
    this.key = pooled.definition();
    this.probe = probe;
    this.check = check;
    this.startedAt = startedAt;
    this.clock = clock;
    this.policy = policy;
  }

  /** The key as defined when it was lent. */
  public ProviderKey key() {
    return key;
  }

  /** Whether this lease is the half-open probe of a banned key: its verdict decides whether the ban ends. */
  public boolean probe() {
    return probe;
  }

  /** Whether a terminal call has been made. */
  public boolean ended() {
    return ended.get();
  }

  /**
   * Records the rate-limit headers of an upstream response (any status, also after the verdict): they
   * update the key's headroom at once, and a later {@link #fail} with RATE_LIMIT cools down until their reset.
   */
  public void observeHeaders(HeaderSource headers) {
    if (headers == null) {
      return;
    }
    Instant now = clock.instant();
    RateLimitUpdate update = RateLimitHeaders.parse(headers, now);
    if (!update.isEmpty()) {
      lastHeaders = update;
      pooled.observe(update, now.toEpochMilli());
    }
  }

  /**
   * The attempt's latency as the caller measured it: until the upstream's response head, or until the
   * failure when none came. The key's health score compares it; without it, the time from the loan to
   * the verdict counts.
   */
  public void latency(long millis) {
    if (measuredLatency < 0) {
      measuredLatency = Math.max(0, millis);
    }
  }

  /** Terminal: the attempt succeeded. A probe's success lifts the ban and resets its backoff. */
  public void succeed() {
    if (ended.compareAndSet(false, true)) {
      long now = clock.millis();
      pooled.succeed(probe, check, now, latencyAt(now), model);
    }
  }

  /**
   * Terminal: the upstream did not answer within a timeout (a TRANSIENT failure): the key cools down at
   * once instead of after a run of transient failures.
   */
  public void timedOut(String message) {
    end(FailureClass.TRANSIENT, 0, null, message, true);
  }

  /**
   * Terminal: the attempt failed; {@code failure} decides the key's penalty.
   *
   * @param status the HTTP status, 0 for a network error
   * @param retryAfter the upstream's requested wait, or null (then a {@code retry-after} header seen by
   *     {@link #observeHeaders} is used, if any)
   */
  public void fail(FailureClass failure, int status, Duration retryAfter, String message) {
    end(failure, status, retryAfter, message, false);
  }

  private void end(FailureClass failure, int status, Duration retryAfter, String message, boolean timedOut) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Instant now = clock.instant();
    RateLimitUpdate seen = lastHeaders;
    Duration wait = retryAfter != null ? retryAfter
        : seen.retryAfter() != null ? Duration.between(now, seen.retryAfter()) : null;
    long millis = now.toEpochMilli();
    pooled.fail(policy, probe, failure, status, wait, Millis.of(seen.recoveryAt(now)), message, millis,
        latencyAt(millis), timedOut, check, model);
  }

  /** As measured by the caller, else until the verdict; unknown for a health check. */
  private long latencyAt(long now) {
    if (check) {
      return KeyVitals.NO_LATENCY;
    }
    long measured = measuredLatency;
    return measured >= 0 ? measured : Math.max(0, now - startedAt);
  }

  /** Terminal without a verdict (client abort, caller fault found before sending): frees the slot only. */
  public void abandon() {
    if (ended.compareAndSet(false, true)) {
      pooled.abandon(probe);
    }
  }

  @Override
  public String toString() {
    return "KeyLease[" + key + (probe ? ", probe" : "") + (ended() ? ", ended" : "") + "]";
  }
}
