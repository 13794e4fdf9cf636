package dev.keypool.keypool;

import dev.keypool.config.RoutingConfig.BanPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One key in the pool: its current definition and its live state, and the decisions that take all of
 * it into account (whether and when it may be lent, the half-open probe of a ban, the state shown).
 * The state lives in parts: {@link KeyHealth} (cooldowns, bans), {@link Headroom} (the upstream's
 * rate-limit figures), {@link KeyHolds} (balance, OAuth token, per-minute cap), {@link KeyCounters}
 * (in flight, totals, recent outcomes) and {@link KeyScoring} (how often it is lent by its health).
 * Every method but the scoring ones is synchronized on the key: sections are short and allocation-free,
 * and {@link ProviderKeys} takes them while holding its own lock (provider, then key; never the reverse).
 */
final class PooledKey {

  private volatile ProviderKey definition;
  private final KeyHealth health;
  /** The pool's current sharing (a supplier: it is set once the instance knows its peers). */
  private final Supplier<KeySharing> sharing;
  private final Headroom headroom = new Headroom();
  private final KeyHolds holds;
  private final KeyCounters counters = new KeyCounters();
  private final KeyScoring scoring = new KeyScoring();

  PooledKey(ProviderKey definition, BanPolicy ban, Supplier<KeySharing> sharing) {
    this.definition = definition;
    this.sharing = sharing;
    this.health = new KeyHealth(ban);
    this.holds = new KeyHolds(definition.requestsPerMinute());
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
    holds.capPerMinute(next.requestsPerMinute());
    definition = next;
  }

  /**
   * Forgets cooldown, ban and an empty balance: an operator enabled the key, which was perhaps never
   * disabled (the next balance reading judges the balance again).
   */
  synchronized void forgive(BanPolicy ban) {
    health.clear(ban);
    holds.balanceExhausted(null);
  }

  /** Why the key cannot be lent at {@code now}, or null when it can. */
  synchronized Blocker blocker(long now) {
    if (!definition.enabled()) {
      return Blocker.DISABLED;
    }
    if (holds.balanceReason() != null) {
      return Blocker.BALANCE_EXHAUSTED;
    }
    if (holds.credentialDown(now)) {
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
    if (holds.capReached(now)) {
      return Blocker.RPM_CAP;
    }
    return null;
  }

  /** When the key becomes selectable without help, or {@link Long#MAX_VALUE} if never (disabled, probing). */
  synchronized long selectableAt(long now) {
    if (!definition.enabled() || holds.balanceReason() != null || holds.credentialDown(now)
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
    if (holds.capReached(now)) {
      at = Math.max(at, holds.capFreesAt());
    }
    return at;
  }

  /** Lends the key: counts it and reports whether this lease is the half-open probe. */
  synchronized boolean acquire(long now) {
    counters.lent(now);
    holds.counted(now);
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
    counters.lentForCheck();
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
        holds.balanceExhausted(null);
        yield true;
      }
    };
    if (changed) {
      KeyStateLog.adopted(definition, c, origin);
    }
    return changed;
  }

  synchronized void succeed(boolean probe, boolean check, long now, long latencyMs, String model) {
    boolean wasBanned = health.banned();
    String banReason = health.banReason();
    long bannedUntil = health.bannedUntil();
    health.succeeded(probe);
    if (wasBanned && !health.banned()) {
      KeyStateLog.recovered(definition, check ? "a health check" : "a client request", banReason);
      sharing.get().changed(KeyChange.recovered(definition.id(), bannedUntil, banReason));
    }
    counters.succeeded(now, latencyMs, model, check);
  }

  synchronized void abandon(boolean probe) {
    counters.returned();
    if (probe) {
      health.probeReleased();
    }
  }

  synchronized void fail(FailurePolicy policy, boolean probe, FailureClass failure, int status,
      Duration retryAfter, long headerRecovery, String message, long now, long latencyMs, boolean timedOut,
      boolean check, String model) {
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
    counters.failed(failure, status, message, now, latencyMs, model, check);
  }

  synchronized KeyVitals.Tally tally(long cutoff) {
    return counters.tally(cutoff);
  }

  /** The tallies of the models with outcomes after {@code cutoff}; off the request path. */
  synchronized Map<String, KeyVitals.Tally> modelTallies(long cutoff) {
    return counters.modelTallies(cutoff);
  }

  /** Client-request attempts over the last {@code minutes} minutes (and the current one). */
  synchronized OutcomeCounts attempts(long now, int minutes) {
    return counters.attempts(now, minutes);
  }

  void scored(HealthScore s, ModelScore[] perModel) {
    scoring.scored(s, perModel);
  }

  HealthScore score() {
    return scoring.score();
  }

  /** The score that decides how often the key is lent for {@code model}: see {@link KeyScoring#score(String)}. */
  double score(String model) {
    return scoring.score(model);
  }

  /** Whether a key with a score below 1 may be a candidate for this borrow. Called under the provider's lock. */
  boolean earnTurn(double s) {
    return scoring.earnTurn(s);
  }

  /** The key was lent: a key with a score below 1 pays its turn. Called under the provider's lock. */
  void spendTurn() {
    scoring.spendTurn();
  }

  /** See {@link KeyHolds#credential}. */
  synchronized boolean credential(long expiresAt, String failure) {
    return holds.credential(expiresAt, failure);
  }

  /** An OAuth key whose refresh failed for good or whose token expired before a refresh came. */
  synchronized boolean credentialDown(long now) {
    return holds.credentialDown(now);
  }

  /** Sets or clears the balance reason; true when that changed the key's state. */
  synchronized boolean balanceExhausted(String reason) {
    return holds.balanceExhausted(reason);
  }

  synchronized int inFlight() {
    return counters.inFlight();
  }

  synchronized long totalRequests() {
    return counters.totalRequests();
  }

  synchronized double headroomFraction(long now) {
    return headroom.fraction(now);
  }

  synchronized KeySnapshot snapshot(long now, BanPolicy ban) {
    ProviderKey d = definition;
    KeyState state = KeyStates.state(d, holds, health, probeElsewhere(), now);
    return new KeySnapshot(d.id(), d.providerId(), d.name(), d.secretHint(), d.priority(), d.weight(), d.tags(),
        d.enabled(), state, KeyStates.reason(state, d, holds, health, headroom, now),
        Millis.instant(health.cooldownUntil()), Millis.instant(health.bannedUntil()), health.failuresInWindow(now, ban),
        counters.inFlight(), counters.totalRequests(), counters.totalFailures(), counters.lastError(),
        Millis.instant(counters.lastUsedAt()), headroom.snapshot(), scoring.score(), scoring.modelScores());
  }
}
