package dev.keypool.gatewaykey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each gateway key was last used, noted in memory on every authentication and written to the
 * store in one batch every few seconds: a database write per request would put JDBC on the request path.
 */
public final class LastUsedTracker {
  private final Map<String, Long> pending = new ConcurrentHashMap<>();

  public void touch(String keyId, long epochMillis) {
    pending.merge(keyId, epochMillis, Math::max);
  }

  /** The touch not yet flushed for this key, or null. */
  public Instant pending(String keyId) {
    Long t = pending.get(keyId);
    return t == null ? null : Instant.ofEpochMilli(t);
  }

  /** Takes every pending touch; a touch that races with the drain stays for the next one. */
  public Map<String, Instant> drain() {
    Map<String, Instant> out = new HashMap<>();
    for (String id : pending.keySet()) {
      Long t = pending.remove(id);
      if (t != null) {
        out.put(id, Instant.ofEpochMilli(t));
      }
    }
    return out;
  }

  /** Puts back touches whose write failed, unless a newer touch arrived meanwhile. */
  public void restore(Map<String, Instant> touches) {
    touches.forEach((id, t) -> touch(id, t.toEpochMilli()));
  }
}
