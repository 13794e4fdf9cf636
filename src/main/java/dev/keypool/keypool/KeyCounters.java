package dev.keypool.keypool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a key has done: leases in flight, totals, its last error and use, and the recent outcomes
 * (the key's, per model, and client-request attempts per minute) that scores and alert rules read. Not
 * thread-safe: guarded by the {@link PooledKey}'s lock.
 */
final class KeyCounters {
  private final KeyVitals vitals = new KeyVitals();
  private final ModelVitals modelVitals = new ModelVitals();
  /** Client-request attempts per minute, for the failure-rate alert rules. */
  private final AttemptCounts attempts = new AttemptCounts();
  private int inFlight;
  private long totalRequests;
  private long totalFailures;
  private String lastError;
  private long lastUsedAt = Millis.NONE;

  /** Lent to a client request. */
  void lent(long now) {
    inFlight++;
    totalRequests++;
    lastUsedAt = now;
  }

  /** Lent to a health check: in flight only, not a request. */
  void lentForCheck() {
    inFlight++;
  }

  /** Given back without an outcome. */
  void returned() {
    inFlight--;
  }

  void succeeded(long now, long latencyMs, String model, boolean check) {
    inFlight--;
    vitals.succeeded(now, latencyMs);
    modelVitals.succeeded(model, now, latencyMs);
    if (!check) {
      attempts.add(now, false);
    }
  }

  /** A failure; the caller's fault counts as an outcome of the attempt but not against the key. */
  void failed(FailureClass failure, int status, String message, long now, long latencyMs, String model, boolean check) {
    inFlight--;
    if (failure != FailureClass.CALLER_FAULT) {
      totalFailures++;
      lastError = FailurePolicy.describe(failure, status, message);
    }
    vitals.failed(now, latencyMs, failure);
    modelVitals.failed(model, now, latencyMs, failure);
    if (!check) {
      attempts.add(now, failure != FailureClass.CALLER_FAULT);
    }
  }

  KeyVitals.Tally tally(long cutoff) {
    return vitals.tally(cutoff, false);
  }

  /** The tallies of the models with outcomes after {@code cutoff}. */
  Map<String, KeyVitals.Tally> modelTallies(long cutoff) {
    Map<String, KeyVitals.Tally> out = new LinkedHashMap<>();
    for (int i = 0; i < modelVitals.size(); i++) {
      KeyVitals.Tally t = modelVitals.tally(i, cutoff);
      if (t.outcomes > 0) {
        out.put(modelVitals.model(i), t);
      }
    }
    return out;
  }

  /** Client-request attempts over the last {@code minutes} minutes (and the current one). */
  OutcomeCounts attempts(long now, int minutes) {
    return attempts.sum(now, minutes);
  }

  int inFlight() {
    return inFlight;
  }

  long totalRequests() {
    return totalRequests;
  }

  long totalFailures() {
    return totalFailures;
  }

  String lastError() {
    return lastError;
  }

  long lastUsedAt() {
    return lastUsedAt;
  }
}
