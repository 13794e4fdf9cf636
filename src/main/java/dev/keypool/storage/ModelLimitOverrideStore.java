package dev.keypool.storage;

import dev.keypool.catalog.ModelLimits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The model limits set at run time through the admin API, kept so they outlive a restart and reach every
 * instance sharing the database. Each model has at most one override. Every method blocks (run it
 * through {@link Blocking}).
 */
public final class ModelLimitOverrideStore {

  private final DataSource ds;
  private final Clock clock;

  public ModelLimitOverrideStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Every override by model id. */
  public Map<String, ModelLimits> all() {
    return Jdbc.query(ds, "read model limit overrides", c -> {
      Map<String, ModelLimits> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT model, context_window, max_output_tokens FROM model_limit_overrides ORDER BY model");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new ModelLimits(rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    });
  }

  /** Sets the limits of {@code model}, replacing any override it had. */
  public void put(String model, ModelLimits limits) {
    Jdbc.inTransaction(ds, "store model limits of " + model, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO model_limit_overrides (model, context_window, max_output_tokens, updated_at) "
              + "VALUES (?, ?, ?, ?) ON CONFLICT (model) DO UPDATE SET context_window = excluded.context_window, "
              + "max_output_tokens = excluded.max_output_tokens, updated_at = excluded.updated_at")) {
        ps.setString(1, model);
        ps.setLong(2, limits.contextWindow());
        ps.setLong(3, limits.maxOutputTokens());
        ps.setLong(4, clock.millis());
        return ps.executeUpdate();
      }
    });
  }

  /** Drops the override of {@code model} so the file or shipped limits apply again; false if it had none. */
  public boolean clear(String model) {
    return Jdbc.inTransaction(ds, "clear model limits of " + model, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_limit_overrides WHERE model = ?")) {
        ps.setString(1, model);
        return ps.executeUpdate() == 1;
      }
    });
  }
}
