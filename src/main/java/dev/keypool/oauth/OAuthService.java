package dev.keypool.oauth;

import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.Ids;
import dev.keypool.storage.OAuthCredentialStore;
import dev.keypool.storage.OAuthCredentialStore.Account;
import dev.keypool.storage.OAuthFlowStore;
import dev.keypool.storage.OAuthFlowStore.PendingFlow;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth accounts as provider keys: starting an authorization-code flow with PKCE (S256), finishing it
 * with the code (pasted, or from the callback), importing an existing refresh token, refreshing by
 * hand, and the schedule that keeps tokens fresh ({@link OAuthRefresher}, every {@link #TICK} on the
 * admin port's loop, its work on a worker thread). Every method but {@link #start} and {@link #close}
 * blocks; the admin API calls them through {@link Blocking}.
 */
public final class OAuthService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OAuthService.class);
  /** How often the schedule looks for tokens to refresh (and for tokens other instances refreshed). */
  public static final Duration TICK = Duration.ofSeconds(5);
  /** How long a started authorization may take before its code is refused. */
  public static final Duration FLOW_LIFETIME = Duration.ofMinutes(15);

  private final OAuthCredentialStore store;
  private final OAuthFlowStore flows;
  private final OAuthRefresher refresher;
  private final TokenClient tokens;
  private final KeyPool pool;
  private final Clock clock;
  private final AtomicBoolean passRunning = new AtomicBoolean();
  private volatile Vertx vertx;
  private long timer = -1;

  public OAuthService(OAuthCredentialStore store, OAuthFlowStore flows, OAuthRefresher refresher, TokenClient tokens,
      KeyPool pool, Clock clock) {
    this.store = store;
    this.flows = flows;
    this.refresher = refresher;
    this.tokens = tokens;
    this.pool = pool;
    this.clock = clock;
  }

  /** A started flow: the URL to open, its state, and until when the code is accepted. */
  public record Started(String state, String authorizationUrl, String redirectUri, Instant expiresAt) {}

  /**
   * Gives the pool the stored tokens' expiries now (blocking, no token call: a slow token endpoint must
   * not hold up the start), then starts the schedule on {@code vertx}, whose first pass refreshes what is due.
   */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    tokens.start(vertx);
    try {
      refresher.applyAll();
    } catch (RuntimeException e) {
      log.warn("OAuth accounts could not be checked at start: {}", e.getMessage());
    }
    Blocking blocking = new Blocking(vertx);
    timer = vertx.setPeriodic(TICK.toMillis(), id -> {
      if (passRunning.compareAndSet(false, true)) {
        blocking.run(refresher::runDue).onComplete(ar -> {
          passRunning.set(false);
          if (ar.failed()) {
            log.warn("OAuth refresh pass failed: {}", ar.cause().getMessage());
          }
        });
      }
    });
  }

  /** One refresh pass now, as the schedule runs it; for tests that advance the clock. Blocks. */
  public int runDue() {
    return refresher.runDue();
  }

  /** Refreshes {@code keyId}'s token now whatever its state (an operator asked). Blocks. */
  public OAuthRefresher.Outcome refreshNow(String keyId) {
    return refresher.refresh(keyId, true);
  }

  /**
   * Starts an authorization: stores the flow (its PKCE verifier encrypted) and returns the URL to open.
   * {@code request} has every endpoint filled in (see {@link OAuthPreset}).
   */
  public Started startFlow(FlowRequest request, String clientSecret) {
    String state = Pkce.newState();
    String verifier = Pkce.newVerifier();
    Instant expires = clock.instant().plus(FLOW_LIFETIME);
    flows.save(new PendingFlow(state, request, verifier, clientSecret, expires));
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", request.clientId());
    if (request.redirectUri() != null) {
      q.put("redirect_uri", request.redirectUri());
    }
    if (request.scopes() != null && !request.scopes().isBlank()) {
      q.put("scope", request.scopes());
    }
    q.put("code_challenge", Pkce.challenge(verifier));
    q.put("code_challenge_method", "S256");
    q.put("state", state);
    OAuthPreset preset = OAuthPreset.of(request.preset());
    if (preset != null) {
      preset.authorizeParams().forEach(q::putIfAbsent);
    }
    String query = q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    String url = request.authorizeUrl() + (request.authorizeUrl().contains("?") ? "&" : "?") + query;
    return new Started(state, url, request.redirectUri(), expires);
  }

  /**
   * Finishes the flow of {@code state} with what the operator pasted: the code itself, a
   * {@code code#state} pair, or the whole URL the browser was sent to. Creates the key and returns it.
   * Throws {@link IllegalArgumentException} for an unknown or expired state or a pasted state that
   * does not match, and {@link TokenException} when the endpoint refused the code.
   */
  public Account finishFlow(String state, String pasted) {
    Code code = Code.parse(pasted);
    String flowState = state != null && !state.isBlank() ? state : code.state();
    if (flowState == null) {
      throw new IllegalArgumentException("no state: give the state the flow was started with");
    }
    if (code.state() != null && !code.state().equals(flowState)) {
      throw new IllegalArgumentException("the pasted code belongs to another authorization (its state differs)");
    }
    PendingFlow flow = flows.take(flowState).orElseThrow(() -> new IllegalArgumentException(
        "no authorization with this state is waiting (finished already, or older than " + FLOW_LIFETIME.toMinutes()
            + " minutes); start a new one"));
    FlowRequest r = flow.request();
    Tokens t = tokens.exchangeCode(new TokenClient.OAuthRequest(r.tokenUrl(), r.clientId(), flow.clientSecret(),
        r.provider()),
        code.code(), r.redirectUri(), flow.verifier());
    return create(r, flow.clientSecret(), t);
  }

  /** Adds an account from an existing refresh token: one refresh now proves it and gets the access token. */
  public Account importRefreshToken(FlowRequest request, String clientSecret, String refreshToken) {
    Tokens t = tokens.refresh(new TokenClient.OAuthRequest(request.tokenUrl(), request.clientId(), clientSecret,
        request.provider()),
        refreshToken);
    return create(request, clientSecret, t.refreshToken() == null ? new Tokens(t.accessToken(), refreshToken,
        t.expiresAt()) : t);
  }

  /** The credentials of every OAuth key, by key id (for views). */
  public Map<String, OAuthCredential> credentials() {
    return store.credentials();
  }

  public Optional<OAuthCredential> credential(String keyId) {
    return account(keyId).map(Account::credential);
  }

  public Optional<Account> account(String keyId) {
    return store.find(keyId);
  }

  /** Forgets the credential of a deleted key. */
  public void forget(String keyId) {
    store.delete(keyId);
  }

  private Account create(FlowRequest r, String clientSecret, Tokens t) {
    Instant now = clock.instant();
    ProviderKey key = new ProviderKey(Ids.newId("pk"), r.provider(), r.name(), t.accessToken(), r.priority(),
        r.weight(), r.tags(), r.notes(), 0, true, null, "api", now, now);
    OAuthCredential cred = new OAuthCredential(key.id(), r.preset(), r.tokenUrl(), r.clientId(), clientSecret,
        r.scopes(), t.refreshToken(), t.expiresAt(), now, 0, null, null, null, now);
    Account stored = store.insert(key, cred);
    pool.put(stored.key());
    pool.credential(key.id(), t.expiresAt(), null);
    log.info("OAuth account added as provider key '{}' ({}) of {}; its token expires at {}", r.name(), key.id(),
        r.provider(), t.expiresAt());
    return stored;
  }

  @Override
  public void close() {
    Vertx v = vertx;
    if (v != null && timer >= 0) {
      v.cancelTimer(timer);
    }
    tokens.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A pasted authorization result: a bare code, {@code code#state}, or a redirect URL with {@code code} and {@code state}. */
  record Code(String code, String state) {
    static Code parse(String pasted) {
      String s = pasted == null ? "" : pasted.trim();
      if (s.isEmpty()) {
        throw new IllegalArgumentException("no code: paste the code (or the whole URL the browser was sent to)");
      }
      if (s.startsWith("http://") || s.startsWith("https://")) {
        Map<String, String> q = query(s);
        if (q.containsKey("error")) {
          throw new IllegalArgumentException("the authorization was refused: " + q.get("error")
              + (q.containsKey("error_description") ? " (" + q.get("error_description") + ")" : ""));
        }
        if (!q.containsKey("code")) {
          throw new IllegalArgumentException("the pasted URL has no code parameter");
        }
        return new Code(q.get("code"), q.get("state"));
      }
      int hash = s.indexOf('#');
      return hash < 0 ? new Code(s, null) : new Code(s.substring(0, hash), s.substring(hash + 1));
    }

    /** The first value of each query parameter, decoded (Netty's decoder, as the HTTP server uses). */
    private static Map<String, String> query(String url) {
      Map<String, String> out = new LinkedHashMap<>();
      new QueryStringDecoder(URI.create(url)).parameters().forEach((name, values) -> out.put(name, values.getFirst()));
      return out;
    }
  }
}
