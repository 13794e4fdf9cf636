package dev.keypool.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.storage.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The recent health check results of each provider key ({@code provider_key_checks}): at most
 * {@link #KEPT} per key, the oldest deleted as a new one is added. Every method blocks (run it through
 * {@code storage/Blocking}).
 */
public final class CheckStore {

  /** Results kept per key. */
  public static final int KEPT = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource ds;

  public CheckStore(DataSource ds) {
    this.ds = ds;
  }

  public void add(CheckResult r) {
    Jdbc.inTransaction(ds, "store the health check of " + r.keyId(), c -> {
      Jdbc.update(c, "INSERT INTO provider_key_checks (key_id, provider_id, checked_at, triggered_by, probe, ok,"
              + " failure, status, latency_ms, message, rate_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          r.keyId(), r.providerId(), r.checkedAt().toEpochMilli(), r.triggeredBy(), r.probe(), r.ok(), r.failure(),
          r.status(), r.latencyMs(), r.message(), rateLimitJson(r.rateLimit()));
      Jdbc.update(c, "DELETE FROM provider_key_checks WHERE key_id = ? AND checked_at < (SELECT checked_at FROM"
          + " provider_key_checks WHERE key_id = ? ORDER BY checked_at DESC LIMIT 1 OFFSET ?)", r.keyId(), r.keyId(),
          KEPT - 1);
      return null;
    });
  }

  /** The key's results, newest first, at most {@code limit}. */
  public List<CheckResult> recent(String keyId, int limit) {
    return Jdbc.query(ds, "read the health checks of " + keyId, c -> Jdbc.select(c,
        "SELECT key_id, provider_id, checked_at, triggered_by, probe, ok, failure, status, latency_ms, message,"
            + " rate_limit FROM provider_key_checks WHERE key_id = ? ORDER BY checked_at DESC LIMIT ?",
        CheckStore::read, keyId, limit));
  }

  /** Forgets the results of a deleted key. */
  public void forget(String keyId) {
    Jdbc.inTransaction(ds, "forget the health checks of " + keyId,
        c -> Jdbc.update(c, "DELETE FROM provider_key_checks WHERE key_id = ?", keyId));
  }

  private static CheckResult read(ResultSet rs) throws SQLException {
    return new CheckResult(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
        rateLimit(rs.getString(11)));
  }

  private static String rateLimitJson(CheckResult.RateLimit r) {
    if (r == null) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    putIf(n, "requests_limit", r.requestsLimit());
    putIf(n, "requests_remaining", r.requestsRemaining());
    putIf(n, "requests_reset", r.requestsReset());
    putIf(n, "tokens_limit", r.tokensLimit());
    putIf(n, "tokens_remaining", r.tokensRemaining());
    putIf(n, "tokens_reset", r.tokensReset());
    return n.toString();
  }

  private static void putIf(ObjectNode n, String name, Object v) {
    if (v instanceof Long l) {
      n.put(name, l);
    } else if (v != null) {
      n.put(name, v.toString());
    }
  }

  private static CheckResult.RateLimit rateLimit(String json) throws SQLException {
    if (json == null) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(json);
      return new CheckResult.RateLimit(num(n, "requests_limit"), num(n, "requests_remaining"),
          time(n, "requests_reset"), num(n, "tokens_limit"), num(n, "tokens_remaining"), time(n, "tokens_reset"));
    } catch (java.io.IOException e) {
      throw new SQLException("unreadable rate_limit of a health check", e);
    }
  }

  private static Long num(JsonNode n, String name) {
    return n.hasNonNull(name) ? n.get(name).asLong() : null;
  }

  private static Instant time(JsonNode n, String name) {
    return n.hasNonNull(name) ? Instant.parse(n.get(name).asText()) : null;
  }
}
