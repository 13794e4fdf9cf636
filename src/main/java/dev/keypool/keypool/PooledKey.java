package dev.keypool.keypool;

import dev.keypool.config.RoutingConfig.BanPolicy;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One key in the pool: its current definition and its live state (in-flight count, counters, per-minute
 * window, upstream headroom, health). Every method is synchronized on the key: sections are short and
 * allocation-free, and {@link ProviderKeys} takes them while holding its own lock (provider, then key;
 * never the reverse).
 */
final class PooledKey {

  private static final long MINUTE = 60_000L;

  private volatile ProviderKey definition;
  private final KeyHealth health;
  /** The pool's current sharing (a supplier: it is set once the instance knows its peers). */
  private final Supplier<KeySharing> sharing;
  private final Headroom headroom = new Headroom();
  private final KeyVitals vitals = new KeyVitals();
  private final ModelVitals modelVitals = new ModelVitals();
  /** Client-request attempts per minute, for the failure-rate alert rules. */
  private final AttemptCounts attempts = new AttemptCounts();
  /** Written off the request path by {@link HealthScores}; a borrow reads it once. */
  private volatile HealthScore score = HealthScore.UNKNOWN;
  /** The scores per recent model, written with {@link #score}; never mutated, replaced. */
  private volatile ModelScore[] modelScores = new ModelScore[0];
  /** How much of a turn a key with a score below 1 has earned; guarded by its {@link ProviderKeys}. */
  private double credit;
  private SlidingWindow minute;
  private int inFlight;
  private long totalRequests;
  private long totalFailures;
  private String lastError;
  private long lastUsedAt = Millis.NONE;
  /** Why a balance reading took the key out of rotation, or null while it has money (or no policy). */
  private String balanceExhausted;
  /** When an OAuth key's access token expires ({@link Millis#NONE}: not an OAuth key); set off the request path. */
  private long credentialExpiresAt = Millis.NONE;
  /** Why an OAuth key's token could not be refreshed, or null while it can. */
  private String credentialFailure;

  PooledKey(ProviderKey definition, BanPolicy ban, Supplier<KeySharing> sharing) {
    this.definition = definition;
    this.sharing = sharing;
    this.health = new KeyHealth(ban);
    this.minute = definition.requestsPerMinute() > 0 ? new SlidingWindow(definition.requestsPerMinute()) : null;
  }

  ProviderKey definition() {
    return definition;
  }

  /** Swaps the definition, keeping live state; re-enabling a disabled key forgets its penalties. */
  synchronized void redefine(ProviderKey next, BanPolicy ban, String origin) {
    if (next.enabled() && !definition.enabled()) {
      health.clear(ban);
    }
    if (!next.enabled() && definition.enabled()) {
      KeyStateLog.disabled(next, origin);
    }
    int rpm = next.requestsPerMinute();
    if (rpm <= 0) {
      minute = null;
    } else if (minute == null || minute.capacity() != rpm) {
      minute = minute == null ? new SlidingWindow(rpm) : minute.resized(rpm);
    }
    definition = next;
  }

  /**
   * Forgets cooldown, ban and an empty balance: an operator enabled the key, which was perhaps never
   * disabled (the next balance reading judges the balance again).
   */
  synchronized void forgive(BanPolicy ban) {
    health.clear(ban);
    balanceExhausted = null;
  }

  /** Why the key cannot be lent at {@code now}, or null when it can. */
  synchronized Blocker blocker(long now) {
    if (!definition.enabled()) {
      return Blocker.DISABLED;
    }
    if (balanceExhausted != null) {
      return Blocker.BALANCE_EXHAUSTED;
    }
    if (credentialDown(now)) {
      return Blocker.CREDENTIAL;
    }
    if (health.banned() && health.probeOut()) {
      return Blocker.PROBING;
    }
    if (health.banned() && now < health.bannedUntil()) {
      return Blocker.BANNED;
    }
    if (probeElsewhere()) {
      return Blocker.PROBING;
    }
    if (now < health.cooldownUntil()) {
      return Blocker.COOLING_DOWN;
    }
    if (headroom.exhaustedUntil(now) != Millis.NONE) {
      return Blocker.EXHAUSTED;
    }
    if (minute != null && minute.fullAfter(now - MINUTE)) {
      return Blocker.RPM_CAP;
    }
    return null;
  }

  /** When the key becomes selectable without help, or {@link Long#MAX_VALUE} if never (disabled, probing). */
  synchronized long selectableAt(long now) {
    if (!definition.enabled() || balanceExhausted != null || credentialDown(now)
        || (health.banned() && health.probeOut())) {
      return Long.MAX_VALUE;
    }
    if (probeElsewhere() && now >= health.bannedUntil()) {
      return Long.MAX_VALUE;
    }
    long at = Math.max(now, health.cooldownUntil());
    if (health.banned()) {
      at = Math.max(at, health.bannedUntil());
    }
    at = Math.max(at, headroom.exhaustedUntil(now));
    if (minute != null && minute.fullAfter(now - MINUTE)) {
      at = Math.max(at, minute.oldest() + MINUTE);
    }
    return at;
  }

  /** Lends the key: counts it and reports whether this lease is the half-open probe. */
  synchronized boolean acquire(long now) {
    inFlight++;
    totalRequests++;
    lastUsedAt = now;
    if (minute != null) {
      minute.record(now, 0);
    }
    if (headroom.tracksRequests(now)) {
      headroom.consumeRequest(now);
      sharing.get().borrowed(definition.id());
    }
    boolean probe = health.probeDue(now) && mayProbe();
    if (probe) {
      health.probeStarted();
      KeyStateLog.probing(definition, "a client request", health.banReason());
    }
    return probe;
  }

  /**
   * Lends the key to a health check: counted in flight only (not as a request, not against its caps).
   * A banned key whose probe is not out gets the check as its half-open probe, ban over or not: the
   * scheduler only asks once the ban ran out, an operator may ask at any time.
   */
  synchronized boolean acquireForCheck() {
    inFlight++;
    boolean probe = health.banned() && !health.probeOut() && mayProbe();
    if (probe) {
      health.probeStarted();
      KeyStateLog.probing(definition, "a health check", health.banReason());
    }
    return probe;
  }

  /** Whether this instance may take the half-open probe: alone, or holding the shared lease. */
  private boolean mayProbe() {
    return health.probeClaimed() || !sharing.get().coordinatesProbes();
  }

  /** A banned key whose probe belongs to whichever instance wins its shared lease, not (yet) this one. */
  private boolean probeElsewhere() {
    return health.banned() && !health.probeOut() && !mayProbe();
  }

  synchronized void observe(RateLimitUpdate update, long now) {
    headroom.apply(update, now);
    sharing.get().figures(definition.id(), update);
  }

  /** Figures another instance's upstream response reported. */
  synchronized void adoptFigures(RateLimitUpdate update, long now) {
    headroom.apply(update, now);
  }

  /** Requests other instances made with the key since their last report. */
  synchronized void adoptBorrowed(long n, long now) {
    headroom.consumeRequests(n, now);
  }

  /** Whether the ban ran out and nobody here probes it yet, so this instance should try for the lease. */
  synchronized boolean probeWanted(long now) {
    return definition.enabled() && health.banned() && !health.probeOut() && !health.probeClaimed()
        && now >= health.bannedUntil();
  }

  /** The end of the current ban, or {@link Millis#NONE} when not banned: names the ban's probe lease. */
  synchronized long bannedUntil() {
    return health.banned() ? health.bannedUntil() : Millis.NONE;
  }

  /** This instance won the lease to probe the ban that runs until {@code bannedUntil}; false if it changed. */
  synchronized boolean claimProbe(long bannedUntil) {
    if (!health.banned() || health.bannedUntil() != bannedUntil || health.probeOut()) {
      return false;
    }
    health.claimProbe();
    return true;
  }

  /**
   * Applies a change another instance ({@code origin}) made; logged at DEBUG only, the origin having
   * logged it. Returns whether it changed anything here.
   */
  synchronized boolean adopt(KeyChange c, BanPolicy ban, String origin) {
    boolean changed = switch (c.kind()) {
      case COOLING_DOWN -> health.adoptCooldown(c.until(), c.reason());
      case BANNED -> health.adoptBan(c.until(), c.banLengthMs(), c.reason());
      case RECOVERED -> health.adoptRecovery(c.until());
      case FORGIVEN -> {
        health.clear(ban);
        balanceExhausted = null;
        yield true;
      }
    };
    if (changed) {
      KeyStateLog.adopted(definition, c, origin);
    }
    return changed;
  }

  synchronized void succeed(boolean probe, boolean check, long now, long latencyMs, String model) {
    inFlight--;
    boolean wasBanned = health.banned();
    String banReason = health.banReason();
    long bannedUntil = health.bannedUntil();
    health.succeeded(probe);
    if (wasBanned && !health.banned()) {
      KeyStateLog.recovered(definition, check ? "a health check" : "a client request", banReason);
      sharing.get().changed(KeyChange.recovered(definition.id(), bannedUntil, banReason));
    }
    vitals.succeeded(now, latencyMs);
    modelVitals.succeeded(model, now, latencyMs);
    if (!check) {
      attempts.add(now, false);
    }
  }

  synchronized void abandon(boolean probe) {
    inFlight--;
    if (probe) {
      health.probeReleased();
    }
  }

  synchronized void fail(FailurePolicy policy, boolean probe, FailureClass failure, int status,
      Duration retryAfter, long headerRecovery, String message, long now, long latencyMs, boolean timedOut,
      boolean check, String model) {
    inFlight--;
    if (failure != FailureClass.CALLER_FAULT) {
      totalFailures++;
      lastError = FailurePolicy.describe(failure, status, message);
    }
    boolean wasBanned = health.banned();
    long bannedUntil = health.bannedUntil();
    long cooldownUntil = health.cooldownUntil();
    boolean wasCooling = now < cooldownUntil;
    policy.apply(health, probe, failure, status, retryAfter, headerRecovery, message, now, timedOut);
    if (health.banned() && (!wasBanned || health.bannedUntil() != bannedUntil)) {
      KeyStateLog.banned(definition, health.bannedUntil(), failure, health.banReason());
      sharing.get().changed(KeyChange.banned(definition.id(), health.bannedUntil(), health.banLengthMs(),
          health.banReason()));
    } else if (!health.banned() && health.cooldownUntil() > Math.max(now, cooldownUntil)) {
      // Told whenever the cooldown grows, logged only when it starts.
      if (!wasCooling) {
        KeyStateLog.coolingDown(definition, health.cooldownUntil(), failure, health.cooldownReason());
      }
      sharing.get().changed(KeyChange.coolingDown(definition.id(), health.cooldownUntil(), health.cooldownReason()));
    }
    vitals.failed(now, latencyMs, failure);
    modelVitals.failed(model, now, latencyMs, failure);
    if (!check) {
      attempts.add(now, failure != FailureClass.CALLER_FAULT);
    }
  }

  synchronized KeyVitals.Tally tally(long cutoff) {
    return vitals.tally(cutoff, false);
  }

  /** The tallies of the models with outcomes after {@code cutoff}; off the request path. */
  synchronized java.util.Map<String, KeyVitals.Tally> modelTallies(long cutoff) {
    java.util.Map<String, KeyVitals.Tally> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < modelVitals.size(); i++) {
      KeyVitals.Tally t = modelVitals.tally(i, cutoff);
      if (t.outcomes > 0) {
        out.put(modelVitals.model(i), t);
      }
    }
    return out;
  }

  /** Client-request attempts over the last {@code minutes} minutes (and the current one). */
  synchronized OutcomeCounts attempts(long now, int minutes) {
    return attempts.sum(now, minutes);
  }

  void scored(HealthScore s, ModelScore[] perModel) {
    modelScores = perModel;
    score = s;
  }

  HealthScore score() {
    return score;
  }

  /**
   * The score that decides how often the key is lent for {@code model}: the key's for that model when
   * it served that model recently (every outcome of a request for it counts there, so a key-wide
   * failure shows as well), else the key's own; so a key rate-limited or refused on one model still
   * takes its full share of another. A volatile read and a scan of at most {@link ModelVitals#MAX_MODELS}
   * entries; no allocation.
   */
  double score(String model) {
    if (model != null) {
      for (ModelScore m : modelScores) {
        if (m.model().equals(model)) {
          return m.health().score();
        }
      }
    }
    return score.score();
  }

  /**
   * Whether a key with a score below 1 may be a candidate for this borrow: each borrow earns it its
   * score, a turn costs 1, so it is lent about {@code score} times as often. Called under the provider's lock.
   */
  boolean earnTurn(double s) {
    credit = Math.min(credit + s, 2.0);
    return credit >= 1.0;
  }

  /** The key was lent: a key with a score below 1 pays its turn. Called under the provider's lock. */
  void spendTurn() {
    if (credit > 0) {
      credit = Math.max(0, credit - 1.0);
    }
  }

  /**
   * The OAuth access token's expiry and why it could not be refreshed (null: it can); {@code expiresAt}
   * {@link Millis#NONE} for a key that is not an OAuth account. Returns whether the failure changed.
   */
  synchronized boolean credential(long expiresAt, String failure) {
    boolean changed = (credentialFailure == null) != (failure == null);
    credentialExpiresAt = expiresAt;
    credentialFailure = failure;
    return changed;
  }

  /** An OAuth key whose refresh failed for good or whose token expired before a refresh came. */
  synchronized boolean credentialDown(long now) {
    return credentialFailure != null || (credentialExpiresAt != Millis.NONE && now >= credentialExpiresAt);
  }

  /** Sets or clears the balance reason; true when that changed the key's state. */
  synchronized boolean balanceExhausted(String reason) {
    boolean changed = (balanceExhausted == null) != (reason == null);
    balanceExhausted = reason;
    return changed;
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized long totalRequests() {
    return totalRequests;
  }

  synchronized double headroomFraction(long now) {
    return headroom.fraction(now);
  }

  synchronized KeySnapshot snapshot(long now, BanPolicy ban) {
    ProviderKey d = definition;
    KeyState state = state(now);
    return new KeySnapshot(d.id(), d.providerId(), d.name(), d.secretHint(), d.priority(), d.weight(), d.tags(),
        d.enabled(), state, stateReason(state, now), Millis.instant(health.cooldownUntil()),
        Millis.instant(health.bannedUntil()), health.failuresInWindow(now, ban), inFlight, totalRequests,
        totalFailures, lastError, Millis.instant(lastUsedAt), headroom.snapshot(), score, List.of(modelScores));
  }

  private KeyState state(long now) {
    if (!definition.enabled()) {
      return KeyState.DISABLED;
    }
    if (balanceExhausted != null) {
      return KeyState.BALANCE_EXHAUSTED;
    }
    if (credentialDown(now)) {
      return KeyState.CREDENTIAL_EXPIRED;
    }
    if (health.banned()) {
      return health.probeOut() || (probeElsewhere() && now >= health.bannedUntil()) ? KeyState.PROBING
          : KeyState.BANNED;
    }
    return now < health.cooldownUntil() ? KeyState.COOLING_DOWN : KeyState.HEALTHY;
  }

  private String stateReason(KeyState state, long now) {
    return switch (state) {
      case DISABLED -> definition.disabledReason() != null ? definition.disabledReason() : "disabled by an operator";
      case BANNED -> now < health.bannedUntil() ? health.banReason() : health.banReason() + " (probe due)";
      case BALANCE_EXHAUSTED -> "balance_exhausted: " + balanceExhausted;
      case CREDENTIAL_EXPIRED -> credentialFailure != null ? "OAuth token refresh failed: " + credentialFailure
          : "OAuth access token expired at " + Millis.instant(credentialExpiresAt) + "; waiting for its refresh";
      case PROBING -> health.probeOut() ? "half-open probe in flight after: " + health.banReason()
          : "half-open probe left to one instance of the shared pool after: " + health.banReason();
      case COOLING_DOWN -> health.cooldownReason();
      case HEALTHY -> {
        long exhausted = headroom.exhaustedUntil(now);
        if (exhausted != Millis.NONE) {
          yield "upstream rate limit spent until " + Millis.instant(exhausted);
        }
        yield minute != null && minute.fullAfter(now - MINUTE)
            ? "at its cap of " + minute.capacity() + " requests per minute" : null;
      }
    };
  }
}
