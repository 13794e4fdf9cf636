package dev.keypool.sharedpool;

import dev.keypool.affinity.SessionAffinity;
import dev.keypool.config.AffinityConfig;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.quota.RedisLink;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The affinity sessions of a shared pool kept in Redis, so that an instance joining (at start, or back
 * from an outage) knows the sessions bound before it came. Per session one string
 * {@code <prefix>pool:session:<hash>:<route>} = {@code keyId TAB boundAt}, expiring the route's
 * {@code ttl} after it was last written; per route one sorted set {@code <prefix>pool:sessions:<route>}
 * of session hashes by the time they were last written, which is what a joining instance reads (most
 * recent first, up to the route's {@code max_sessions}) instead of scanning the key space. The set expires
 * with its last write too, and drops members older than the {@code ttl} on each write.
 *
 * <p>Writes come from the shared pool's thread, behind the publishing of the same binding; the load runs
 * on that thread too when the instance joins. Neither ever runs on an event loop.
 */
final class StoredSessions {
  private static final Logger LOG = LoggerFactory.getLogger(StoredSessions.class);
  /** Sessions read per round trip while loading. */
  static final int PAGE = 1_000;
  /** A load stops here, whatever is left: a joining instance must not stay out of the pool for long. */
  static final Duration LOAD_BUDGET = Duration.ofSeconds(5);

  private final RedisLink link;
  private final PoolChannel channel;
  private final String prefix;
  private final Clock clock;

  StoredSessions(RedisLink link, PoolChannel channel, String prefix, Clock clock) {
    this.link = link;
    this.channel = channel;
    this.prefix = prefix;
    this.clock = clock;
  }

  /** What a load found: sessions adopted, over how many routes, and whether the budget cut it short. */
  record Loaded(int sessions, int routes, boolean cut) {}

  /**
   * Adopts the stored sessions of every route with affinity that were written within its {@code ttl}, the
   * most recent first, up to its {@code max_sessions}, and logs once how many. Blocks; throws when Redis fails.
   */
  Loaded load(List<ModelRouteConfig> routes, SessionAffinity affinity) {
    long started = System.nanoTime();
    Loaded loaded = read(routes, affinity);
    if (loaded.routes() > 0) {
      LOG.info("Loaded {} affinity session(s) of {} route(s) from Redis in {} ms{}", loaded.sessions(),
          loaded.routes(), (System.nanoTime() - started) / 1_000_000, loaded.cut() ? " (stopped after "
              + LOAD_BUDGET.toSeconds() + " s: the others are placed by their route's strategy on their next request)"
              : "");
    }
    return loaded;
  }

  /**
   * Keeps a binding (new, moved or refreshed) in use at {@code usedAt} (epoch ms) for {@code ttl}.
   * Asynchronous: a failure takes the channel down like any other command's.
   */
  void store(String routeId, String sessionHash, String keyId, long boundAt, long usedAt, Duration ttl) {
    long ttlMs = Math.max(1, ttl.toMillis());
    String index = index(routeId);
    var redis = link.async();
    redis.set(session(routeId, sessionHash), keyId + '\t' + boundAt, SetArgs.Builder.px(ttlMs))
        .exceptionally(channel::failed);
    redis.zadd(index, usedAt, sessionHash).exceptionally(channel::failed);
    redis.zremrangebyscore(index, "-inf", "(" + (usedAt - ttlMs)).exceptionally(channel::failed);
    redis.pexpire(index, ttlMs).exceptionally(channel::failed);
  }

  private Loaded read(List<ModelRouteConfig> routes, SessionAffinity affinity) {
    RedisCommands<String, String> redis = link.commands();
    long deadline = System.nanoTime() + LOAD_BUDGET.toNanos();
    int sessions = 0;
    int withAffinity = 0;
    for (ModelRouteConfig route : routes) {
      AffinityConfig config = route.affinity();
      if (!config.enabled()) {
        continue;
      }
      withAffinity++;
      long oldest = clock.millis() - config.ttl().toMillis();
      for (long start = 0; start < config.maxSessions(); start += PAGE) {
        if (System.nanoTime() > deadline) {
          return new Loaded(sessions, withAffinity, true);
        }
        long stop = Math.min(start + PAGE, config.maxSessions()) - 1;
        List<ScoredValue<String>> page = redis.zrevrangeWithScores(index(route.id()), start, stop);
        List<String> hashes = new ArrayList<>(page.size());
        for (ScoredValue<String> s : page) {
          if (s.getScore() >= oldest) {
            hashes.add(s.getValue());
          }
        }
        sessions += adopt(redis, route.id(), hashes, affinity);
        if (hashes.size() < PAGE) {
          break;
        }
      }
    }
    return new Loaded(sessions, withAffinity, false);
  }

  /** Reads the bindings of {@code hashes} and adopts those still stored; how many were. */
  private int adopt(RedisCommands<String, String> redis, String routeId, List<String> hashes, SessionAffinity affinity) {
    if (hashes.isEmpty()) {
      return 0;
    }
    List<KeyValue<String, String>> values = redis.mget(hashes.stream().map(h -> session(routeId, h))
        .toArray(String[]::new));
    int adopted = 0;
    for (int i = 0; i < values.size(); i++) {
      // Gone when Redis expired it (the set's member outlives it until the next write prunes it).
      String value = values.get(i).getValueOrElse(null);
      int tab = value == null ? -1 : value.indexOf('\t');
      if (tab > 0) {
        try {
          affinity.adopt(routeId, hashes.get(i), value.substring(0, tab), Long.parseLong(value.substring(tab + 1)));
          adopted++;
        } catch (NumberFormatException e) {
          // Not written by this version: skipped.
        }
      }
    }
    return adopted;
  }

  private String index(String routeId) {
    return prefix + "pool:sessions:" + routeId;
  }

  /** The hash first: it has a fixed length and no colon, so no route id can make two names meet. */
  private String session(String routeId, String sessionHash) {
    return prefix + "pool:session:" + sessionHash + ":" + routeId;
  }
}
