package dev.keypool.storage;

import dev.keypool.billing.Price;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The prices set at run time through the admin API, kept so they outlive a restart and reach every
 * instance sharing the database. Each model has at most one override: a price, or a removal that hides
 * the price the shipped defaults or the file would give. Every method blocks (run it through
 * {@link Blocking}).
 */
public final class PriceOverrideStore {

  private final DataSource ds;
  private final Clock clock;

  public PriceOverrideStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Every override by model id: a price, or an empty Optional for a removed model. */
  public Map<String, Optional<Price>> all() {
    return Jdbc.query(ds, "read price overrides", c -> {
      Map<String, Optional<Price>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT model, input, output, cache_read, cache_write, removed FROM price_overrides ORDER BY model");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(6) ? Optional.empty() : Optional.of(new Price(
              new BigDecimal(rs.getString(2)), new BigDecimal(rs.getString(3)),
              new BigDecimal(rs.getString(4)), new BigDecimal(rs.getString(5)))));
        }
      }
      return out;
    });
  }

  /** Sets the price of {@code model}, replacing any override it had. */
  public void put(String model, Price price) {
    upsert(model, price);
  }

  /** Records that {@code model} has no price, whatever the defaults or the file say. */
  public void markRemoved(String model) {
    upsert(model, null);
  }

  /** Drops the override of {@code model} so the default or file price applies again; false if it had none. */
  public boolean clear(String model) {
    return Jdbc.inTransaction(ds, "clear price override of " + model, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM price_overrides WHERE model = ?")) {
        ps.setString(1, model);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private void upsert(String model, Price price) {
    Jdbc.inTransaction(ds, "store price override of " + model, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO price_overrides (model, input, output, cache_read, cache_write, removed, updated_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model) DO UPDATE SET input = excluded.input, "
              + "output = excluded.output, cache_read = excluded.cache_read, cache_write = excluded.cache_write, "
              + "removed = excluded.removed, updated_at = excluded.updated_at")) {
        ps.setString(1, model);
        ps.setString(2, price == null ? null : price.inputPerMillion().toPlainString());
        ps.setString(3, price == null ? null : price.outputPerMillion().toPlainString());
        ps.setString(4, price == null ? null : price.cacheReadPerMillion().toPlainString());
        ps.setString(5, price == null ? null : price.cacheWritePerMillion().toPlainString());
        ps.setBoolean(6, price == null);
        ps.setLong(7, clock.millis());
        return ps.executeUpdate();
      }
    });
  }
}
