package dev.keypool.balance;

import dev.keypool.storage.Jdbc;
import java.math.BigDecimal;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What Keypool itself recorded as spent on a key or provider, in US dollars: from the hourly rollups for
 * burn rates (hour precision, cheap at any traffic), and from the request records for reconciliation
 * between two readings (exact times, one indexed range of one key). Blocking.
 */
final class RecordedCost {
  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
  private static final long HOUR_MS = 3_600_000L;

  private final DataSource ds;

  RecordedCost(DataSource ds) {
    this.ds = ds;
  }

  /** The start of the rollup window that covers at least the last {@code hours} hours before {@code now}. */
  static Instant windowStart(Instant now, int hours) {
    long from = now.toEpochMilli() - hours * HOUR_MS;
    return Instant.ofEpochMilli(from - Math.floorMod(from, HOUR_MS));
  }

  /** Cost recorded for one key ({@code keyId}) or one provider ({@code providerId}) since {@code from}. */
  BigDecimal since(String column, String id, Instant from) {
    if (!column.equals("provider_key_id") && !column.equals("provider_id")) {
      throw new IllegalArgumentException(column);
    }
    long nanos = Jdbc.query(ds, "sum recorded cost", c -> Jdbc.select(c,
        "SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_hourly WHERE " + column + " = ? AND hour_start >= ?",
        rs -> rs.getLong(1), id, from.toEpochMilli()).getFirst());
    return usd(nanos);
  }

  /** Cost recorded for requests on {@code keyId} that started in [from, to). */
  BigDecimal between(String keyId, Instant from, Instant to) {
    long nanos = Jdbc.query(ds, "sum recorded cost", c -> Jdbc.select(c,
        "SELECT COALESCE(SUM(cost_nanos), 0) FROM request_records WHERE provider_key_id = ? AND started_at >= ?"
            + " AND started_at < ?", rs -> rs.getLong(1), keyId, from.toEpochMilli(), to.toEpochMilli()).getFirst());
    return usd(nanos);
  }

  private static BigDecimal usd(long nanos) {
    return Decimals.plain(BigDecimal.valueOf(nanos).divide(NANOS));
  }
}
