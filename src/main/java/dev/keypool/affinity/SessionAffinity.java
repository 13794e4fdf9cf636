package dev.keypool.affinity;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keypool.config.AffinityConfig;
import dev.keypool.config.ModelRouteConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Session affinity: requests of one session (same {@code prompt_cache_key}, {@code metadata.user_id} or
 * session header, per the route's {@code affinity.sources}) go to the key that served the session last,
 * while that key is selectable, so that the provider's prompt cache, which lives with the key's account,
 * keeps hitting. When the key fails or cannot be lent, the pool picks another by the route's strategy and
 * the session moves to whichever key answers, and stays there.
 *
 * <p>The request path reads and writes memory only (one map lookup, one hash). With a shared pool the
 * bindings made here are announced to the other instances ({@link SessionSharing}) and theirs
 * {@link #adopt adopted}, so a session sticks to one key whichever instance serves it.
 */
public final class SessionAffinity {
  private final Ticker ticker;
  private final Clock clock;
  private final Function<String, ModelRouteConfig> routes;
  private final Map<String, RouteSessions> byRoute = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile SessionSharing sharing = SessionSharing.NONE;

  /**
   * @param routes the route in effect for an id, or null: the settings of a session announced by another
   *     instance
   */
  public SessionAffinity(Clock clock, Function<String, ModelRouteConfig> routes, MeterRegistry meters) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = () -> clock.millis() * 1_000_000L;
    this.routes = routes;
    this.meters = meters;
    warmUp();
    Gauge.builder("keypool.affinity.sessions", this, SessionAffinity::sessions)
        .description("Sessions bound to a provider key, on this instance").register(meters);
  }

  /**
   * Loads the classes a route's first session needs (Caffeine builds its cache classes by reflection, the
   * JDK its SHA-256 provider) here at start, not on the event loop that serves that session.
   */
  private void warmUp() {
    RouteSessions warm = new RouteSessions(AffinityConfig.OFF, ticker);
    String hash = SessionHash.of("warm-up");
    warm.bindings.put(hash, new Binding("-", 0, 0));
    warm.bindings.asMap().merge(hash, new Binding("-", 1, 1), (a, b) -> b);
    warm.bindings.asMap().replace(hash, warm.get(hash), new Binding("-", 2, 2));
    warm.bindings.policy().getIfPresentQuietly(hash);
    warm.size();
  }

  /** Announces the bindings made here from now on; {@link SessionSharing#NONE} stops. */
  public void share(SessionSharing sharing) {
    this.sharing = Objects.requireNonNull(sharing, "sharing");
  }

  /** The session of a request to {@code route}, read from {@code source}; {@link Session#NONE} when it has none. */
  public Session open(ModelRouteConfig route, SessionSource source) {
    AffinityConfig config = route.affinity();
    if (!config.enabled()) {
      return Session.NONE;
    }
    for (String name : config.sources()) {
      String id = source.read(name);
      if (id != null && !id.isBlank()) {
        String hash = SessionHash.of(id);
        RouteSessions sessions = sessions(route.id(), config);
        return new Session(this, sessions, route.id(), hash, sessions.get(hash));
      }
    }
    return Session.NONE;
  }

  /** A request of a session was answered by {@code keyId}; {@code before} is the binding it started with. */
  void served(RouteSessions sessions, String routeId, String hash, Binding before, String keyId) {
    long now = clock.millis();
    if (before != null && before.keyId().equals(keyId)) {
      count(routeId, "hit");
      if (sessions.refreshDue(before, now)) {
        Binding refreshed = new Binding(keyId, before.boundAt(), now);
        // Unless another request moved the session meanwhile.
        if (sessions.bindings.asMap().replace(hash, before, refreshed)) {
          sharing.bound(routeId, hash, keyId, before.boundAt(), sessions.config.ttl());
        }
      }
      return;
    }
    count(routeId, before == null ? "new" : "moved");
    // A move is later than the binding it leaves, even within its millisecond or with a clock behind the
    // instance that made that binding: the others must take it.
    long at = before == null ? now : Math.max(now, before.boundAt() + 1);
    sessions.bindings.put(hash, new Binding(keyId, at, now));
    sharing.bound(routeId, hash, keyId, at, sessions.config.ttl());
  }

  /**
   * A binding another instance announced: taken unless this instance bound the session later (the two
   * instances converge on the later move); an announcement of the binding already held refreshes it.
   */
  public void adopt(String routeId, String hash, String keyId, long boundAt) {
    ModelRouteConfig route = routes.apply(routeId);
    if (route == null || !route.affinity().enabled()) {
      return;
    }
    long now = clock.millis();
    sessions(routeId, route.affinity()).bindings.asMap().merge(hash, new Binding(keyId, boundAt, now),
        (held, given) -> held.keyId().equals(keyId) && held.boundAt() == boundAt
            ? new Binding(keyId, boundAt, now)
            : held.supersededBy(keyId, boundAt) ? given : held);
  }

  /** The sessions of a route; a change of the route's affinity settings starts them afresh. */
  private RouteSessions sessions(String routeId, AffinityConfig config) {
    RouteSessions s = byRoute.get(routeId);
    if (s != null && s.config.equals(config)) {
      return s;
    }
    return byRoute.compute(routeId, (id, held) -> held != null && held.config.equals(config) ? held
        : new RouteSessions(config, ticker));
  }

  /** Sessions remembered here, over every route. */
  public long sessions() {
    long n = 0;
    for (RouteSessions s : byRoute.values()) {
      n += s.size();
    }
    return n;
  }

  /** Sessions remembered here for one route. */
  public long sessions(String routeId) {
    RouteSessions s = byRoute.get(routeId);
    return s == null ? 0 : s.size();
  }

  /** The key a session of {@code routeId} is bound to here, by its id; null when none. For tests and tools. */
  public String boundKey(String routeId, String sessionId) {
    RouteSessions s = byRoute.get(routeId);
    // Quietly: looking does not count as the session's use.
    Binding b = s == null ? null : s.bindings.policy().getIfPresentQuietly(SessionHash.of(sessionId));
    return b == null ? null : b.keyId();
  }

  private void count(String routeId, String result) {
    counters.computeIfAbsent(routeId + '\n' + result, k -> Counter.builder("keypool.affinity.requests")
        .description("Requests of a session by outcome: hit (its key served it), moved (another key did, and "
            + "the session stays there), new (first request of the session here)")
        .tags("model", routeId, "result", result).register(meters)).increment();
  }
}
