package dev.keypool.oauth;

import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.OAuthCredentialStore;
import dev.keypool.storage.OAuthCredentialStore.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool's OAuth keys on a live access token. Each pass ({@link #runDue}) reads the stored
 * accounts, hands the pool each token's expiry and failure (so that the request path, which never
 * waits for a refresh, skips a key whose token ran out) and adopts tokens another instance refreshed;
 * then it refreshes each token that expires within {@link #AHEAD}, under the {@link RefreshLock}, and
 * re-reads the row once the lease is held, so that of several instances due at once only the first
 * calls the token endpoint and the others adopt its result. A rotated refresh token is stored in the
 * same transaction as the access token. Blocking: runs on a worker thread, never an event loop.
 */
public final class OAuthRefresher {
  private static final Logger log = LoggerFactory.getLogger(OAuthRefresher.class);
  /** A token is refreshed once it expires within this. */
  public static final Duration AHEAD = Duration.ofMinutes(5);
  /** After a transient failure, the next try waits this long. */
  public static final Duration RETRY = Duration.ofSeconds(30);

  private final OAuthCredentialStore store;
  private final KeyPool pool;
  private final TokenClient tokens;
  private final RefreshLock lock;
  private final Clock clock;
  private final BiConsumer<ProviderKey, OAuthCredential> onState;
  /** Keys this instance is refreshing now: a manual refresh and the schedule do not both go. */
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  /** {@code onState}: told each account's state after every pass and refresh (e.g. to raise or clear an alert). */
  public OAuthRefresher(OAuthCredentialStore store, KeyPool pool, TokenClient tokens, RefreshLock lock, Clock clock,
      BiConsumer<ProviderKey, OAuthCredential> onState) {
    this.store = store;
    this.pool = pool;
    this.tokens = tokens;
    this.lock = lock;
    this.clock = clock;
    this.onState = onState;
  }

  /** What a refresh did. */
  public enum Outcome { REFRESHED, ADOPTED, LOCKED, FAILED, GONE }

  /** One pass over every account: sync the pool, then refresh what is due. Returns how many were refreshed here. */
  public int runDue() {
    int refreshed = 0;
    for (Account a : store.list()) {
      if (pool.definition(a.key().id()) == null) {
        continue; // a key of a provider no longer configured: not in use, not refreshed
      }
      apply(a);
      if (due(a.credential()) && refresh(a.key().id(), false) == Outcome.REFRESHED) {
        refreshed++;
      }
    }
    return refreshed;
  }

  /**
   * Hands the pool every stored token's expiry and failure, refreshing nothing (at start, before
   * serving); forgets the credentials of keys deleted meanwhile.
   */
  public void applyAll() {
    store.deleteOrphans();
    for (Account a : store.list()) {
      apply(a);
    }
  }

  /**
   * Refreshes {@code keyId}'s token now if it is due, or whatever its state when {@code force} (an
   * operator asked, e.g. after fixing a revoked grant). Returns LOCKED when another holder has the lease.
   */
  public Outcome refresh(String keyId, boolean force) {
    if (!refreshing.add(keyId)) {
      return Outcome.LOCKED;
    }
    try {
      if (!lock.tryLock(keyId)) {
        return Outcome.LOCKED;
      }
      try {
        return refreshHoldingLease(keyId, force);
      } finally {
        lock.unlock(keyId);
      }
    } finally {
      refreshing.remove(keyId);
    }
  }

  private Outcome refreshHoldingLease(String keyId, boolean force) {
    // Read again under the lease: another instance may have refreshed it (and rotated the refresh token).
    Optional<Account> fresh = store.find(keyId);
    if (fresh.isEmpty()) {
      return Outcome.GONE;
    }
    Account a = fresh.get();
    if (!force && !due(a.credential())) {
      apply(a);
      return Outcome.ADOPTED;
    }
    OAuthCredential cred = a.credential();
    try {
      Tokens t = tokens.refresh(new TokenClient.OAuthRequest(cred.tokenUrl(), cred.clientId(), cred.clientSecret(),
          a.key().providerId()), cred.refreshToken());
      Optional<Account> saved = store.saveRefreshed(keyId, t.accessToken(), t.refreshToken(), t.expiresAt());
      saved.ifPresent(this::apply);
      log.info("OAuth token of provider key {} refreshed; it expires at {}{}", who(a.key()), t.expiresAt(),
          t.refreshToken() == null ? "" : " (refresh token rotated)");
      return saved.isPresent() ? Outcome.REFRESHED : Outcome.GONE;
    } catch (TokenException e) {
      String kind = e.rejected() ? OAuthCredential.REJECTED : OAuthCredential.TRANSIENT;
      store.saveFailure(keyId, kind, e.getMessage());
      store.find(keyId).ifPresent(this::apply);
      log.warn("OAuth token of provider key {} could not be refreshed [{}]: {}", who(a.key()), kind, e.getMessage());
      return Outcome.FAILED;
    }
  }

  /** Whether the token should be refreshed now: it expires within {@link #AHEAD}, and no failure holds it back. */
  boolean due(OAuthCredential c) {
    Instant now = clock.instant();
    if (c.rejected()) {
      return false;
    }
    if (c.failure() != null && c.failedAt() != null && now.isBefore(c.failedAt().plus(RETRY))) {
      return false;
    }
    return !now.isBefore(c.expiresAt().minus(AHEAD));
  }

  /** Makes the pool hold the stored token, its expiry and its failure. */
  void apply(Account a) {
    ProviderKey live = pool.definition(a.key().id());
    if (live == null) {
      return;
    }
    if (!live.secret().equals(a.key().secret())) {
      pool.put(a.key()); // refreshed elsewhere (or just now): the new access token, live state kept
    }
    OAuthCredential c = a.credential();
    pool.credential(a.key().id(), c.expiresAt(), c.rejected() ? c.lastError() : null);
    onState.accept(a.key(), c);
  }

  private static String who(ProviderKey k) {
    return "'" + k.name() + "' (" + k.id() + ") of " + k.providerId();
  }
}
