package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.storage.Jdbc;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The history of balance readings ({@code provider_key_balances}): one row per reading, amounts kept as
 * the decimal strings the provider sent. Every method blocks; callers on an event loop go through
 * {@link dev.keypool.storage.Blocking}.
 */
public final class BalanceStore {
  private static final String COLUMNS =
      "provider_key_id, provider_id, adapter, fetched_at, amounts, available, details, note, error";

  private final DataSource ds;

  public BalanceStore(DataSource ds) {
    this.ds = ds;
  }

  /** The database the readings are in, for the days-left estimates' recorded cost. */
  DataSource dataSource() {
    return ds;
  }

  public void insert(BalanceReading r) {
    Jdbc.inTransaction(ds, "record a balance reading", c -> {
      try (var ps = c.prepareStatement("INSERT INTO provider_key_balances (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)")) {
        ps.setString(1, r.keyId());
        ps.setString(2, r.providerId());
        ps.setString(3, r.adapter());
        ps.setLong(4, r.fetchedAt().toEpochMilli());
        ps.setString(5, amountsJson(r.amounts()));
        if (r.available() == null) {
          ps.setNull(6, Types.INTEGER);
        } else {
          ps.setInt(6, r.available() ? 1 : 0);
        }
        ps.setString(7, r.details().isEmpty() ? null : detailsJson(r.details()));
        ps.setString(8, r.note());
        ps.setString(9, r.error());
        return ps.executeUpdate();
      }
    });
  }

  /** The key's latest {@code limit} readings, newest first. */
  public List<BalanceReading> history(String keyId, int limit) {
    return Jdbc.query(ds, "read balance history", c -> Jdbc.select(c, "SELECT " + COLUMNS
        + " FROM provider_key_balances WHERE provider_key_id = ? ORDER BY fetched_at DESC, id DESC LIMIT ?",
        BalanceStore::read, keyId, limit));
  }

  /**
   * Per key, its latest reading and its latest successful one (the same row when the latest succeeded),
   * for the cache at start; newest last.
   */
  public List<BalanceReading> latest() {
    return Jdbc.query(ds, "read the latest balances", c -> Jdbc.select(c, "SELECT " + COLUMNS
        + " FROM provider_key_balances WHERE id IN (SELECT MAX(id) FROM provider_key_balances GROUP BY provider_key_id)"
        + " OR id IN (SELECT MAX(id) FROM provider_key_balances WHERE error IS NULL GROUP BY provider_key_id)"
        + " ORDER BY id", BalanceStore::read));
  }

  /** Deletes readings older than {@code before}, but never a key's latest or latest successful one. */
  public int deleteBefore(Instant before) {
    return Jdbc.inTransaction(ds, "delete old balance readings", c -> Jdbc.update(c,
        "DELETE FROM provider_key_balances WHERE fetched_at < ?"
            + " AND id NOT IN (SELECT MAX(id) FROM provider_key_balances GROUP BY provider_key_id)"
            + " AND id NOT IN (SELECT MAX(id) FROM provider_key_balances WHERE error IS NULL GROUP BY provider_key_id)",
        before.toEpochMilli()));
  }

  private static BalanceReading read(ResultSet rs) throws SQLException {
    int available = rs.getInt(6);
    Boolean avail = rs.wasNull() ? null : available != 0;
    return new BalanceReading(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
        amounts(rs.getString(5)), avail, details(rs.getString(7)), rs.getString(8), rs.getString(9));
  }

  static String amountsJson(List<BalanceAmount> amounts) {
    ArrayNode array = Decimals.MAPPER.createArrayNode();
    for (BalanceAmount a : amounts) {
      ObjectNode o = array.addObject().put("currency", a.currency()).put("amount", a.amount().toPlainString());
      if (a.total() != null) {
        o.put("total", a.total().toPlainString());
      }
      if (a.used() != null) {
        o.put("used", a.used().toPlainString());
      }
    }
    return array.toString();
  }

  private static String detailsJson(Map<String, BigDecimal> details) {
    ObjectNode o = Decimals.MAPPER.createObjectNode();
    details.forEach((k, v) -> o.put(k, v.toPlainString()));
    return o.toString();
  }

  private static List<BalanceAmount> amounts(String json) throws SQLException {
    List<BalanceAmount> out = new ArrayList<>();
    for (JsonNode a : parse(json)) {
      out.add(new BalanceAmount(a.path("currency").asText(), new BigDecimal(a.path("amount").asText()),
          Decimals.optional(a.get("total"), "total"), Decimals.optional(a.get("used"), "used")));
    }
    return out;
  }

  private static Map<String, BigDecimal> details(String json) throws SQLException {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    if (json != null) {
      parse(json).properties().forEach(e -> out.put(e.getKey(), new BigDecimal(e.getValue().asText())));
    }
    return out;
  }

  private static JsonNode parse(String json) throws SQLException {
    try {
      return Decimals.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new SQLException("a stored balance is not JSON", e);
    }
  }
}
