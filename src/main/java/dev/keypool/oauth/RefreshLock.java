package dev.keypool.oauth;

import dev.keypool.quota.RedisLink;
import dev.keypool.storage.OAuthCredentialStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease that lets exactly one instance of a deployment refresh an OAuth key's token at a time: with
 * Redis configured, a Redis key set only if absent with an expiry; otherwise a conditional update of
 * the credential's row. The lease expires by itself, so an instance that dies mid-refresh does not
 * block the others for longer than {@code ttl}. Blocking.
 */
public interface RefreshLock {

  /** Takes the lease of {@code keyId}; false when another holder has it. */
  boolean tryLock(String keyId);

  /** Gives back a lease taken by {@link #tryLock}. */
  void unlock(String keyId);

  /** The database row lease, for deployments without Redis. */
  static RefreshLock database(OAuthCredentialStore store, String owner, Duration ttl) {
    return new RefreshLock() {
      @Override
      public boolean tryLock(String keyId) {
        return store.tryLock(keyId, owner, ttl);
      }

      @Override
      public void unlock(String keyId) {
        store.unlock(keyId, owner);
      }
    };
  }

  /**
   * A Redis key {@code <prefix>oauth:refresh:<keyId>} holding the owner, set with NX and PX, deleted
   * only by its owner. While Redis cannot be reached, the database's lease stands in (every instance
   * falls back the same way, as they lose the same Redis).
   */
  static RefreshLock redis(RedisLink link, String prefix, String owner, Duration ttl, RefreshLock fallback) {
    Logger log = LoggerFactory.getLogger(RefreshLock.class);
    String release = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    return new RefreshLock() {
      @Override
      public boolean tryLock(String keyId) {
        try {
          return "OK".equals(link.commands().set(prefix + "oauth:refresh:" + keyId, owner,
              io.lettuce.core.SetArgs.Builder.nx().px(ttl.toMillis())));
        } catch (RuntimeException e) {
          log.warn("Redis unavailable for the OAuth refresh lock of {} ({}); using the database's", keyId, e.getMessage());
          return fallback.tryLock(keyId);
        }
      }

      @Override
      public void unlock(String keyId) {
        try {
          link.commands().eval(release, io.lettuce.core.ScriptOutputType.INTEGER,
              new String[] {prefix + "oauth:refresh:" + keyId}, owner);
        } catch (RuntimeException e) {
          fallback.unlock(keyId); // the lease then runs out by itself if it was Redis's
        }
      }
    };
  }
}
