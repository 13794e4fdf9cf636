package dev.keypool.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Model routes added or changed at run time, kept so they outlive a restart and reach every instance
 * sharing the database. Each route id has at most one row: a definition (JSON, see
 * {@link dev.keypool.config.RouteDefinitions}) or a removal that hides the file's route of that id.
 * Every method blocks (run it through {@link Blocking}).
 */
public final class ModelRouteStore {

  private final DataSource ds;
  private final Clock clock;

  public ModelRouteStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Every stored change by route id, in id order: a definition, or empty for a removed route. */
  public Map<String, Optional<String>> all() {
    return Jdbc.query(ds, "read model routes", c -> {
      Map<String, Optional<String>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, definition, removed FROM model_routes ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(3) ? Optional.empty() : Optional.of(rs.getString(2)));
        }
      }
      return out;
    });
  }

  public void put(String id, String definition) {
    upsert(id, definition);
  }

  public void markRemoved(String id) {
    upsert(id, null);
  }

  /** Drops the run-time change of route {@code id}; false if it had none. */
  public boolean clear(String id) {
    return Jdbc.inTransaction(ds, "clear model route " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_routes WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private void upsert(String id, String definition) {
    Jdbc.inTransaction(ds, "store model route " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_routes (id, definition, removed, updated_at) "
          + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
          + "removed = excluded.removed, updated_at = excluded.updated_at")) {
        ps.setString(1, id);
        ps.setString(2, definition);
        ps.setBoolean(3, definition == null);
        ps.setLong(4, clock.millis());
        return ps.executeUpdate();
      }
    });
  }
}
