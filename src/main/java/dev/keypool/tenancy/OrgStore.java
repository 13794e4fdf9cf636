package dev.keypool.tenancy;

import dev.keypool.storage.Blocking;
import dev.keypool.storage.Ids;
import dev.keypool.storage.Jdbc;
import dev.keypool.storage.JsonColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The durable set of orgs. Every method blocks (run it through {@link Blocking}). */
public final class OrgStore {
  private static final String COLUMNS = "id, name, status, limits, created_at, updated_at";

  private final DataSource ds;
  private final Clock clock;

  public OrgStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Stores a new org with a fresh {@code org_} id (the id and times given are ignored); a taken name is a {@code ConflictException}. */
  public Org insert(Org o) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
    Org org = new Org(Ids.newId("org"), o.name(), o.status(), o.limits(), now, now);
    return Jdbc.inTransaction(ds, "insert org " + o.name(), c -> {
      Jdbc.update(c, "INSERT INTO orgs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", org.id(), org.name(),
          org.status().wire(), JsonColumns.limits(org.limits()), now.toEpochMilli(), now.toEpochMilli());
      return org;
    });
  }

  /** Writes name, status and limits with {@code updated_at} now; empty when the org is unknown. */
  public Optional<Org> update(Org org) {
    return Jdbc.inTransaction(ds, "update org " + org.id(), c -> {
      int changed = Jdbc.update(c, "UPDATE orgs SET name = ?, status = ?, limits = ?, updated_at = ? WHERE id = ?",
          org.name(), org.status().wire(), JsonColumns.limits(org.limits()), clock.millis(), org.id());
      return changed == 0 ? Optional.<Org>empty() : select(c, "WHERE id = ?", org.id()).stream().findFirst();
    });
  }

  public Optional<Org> find(String id) {
    return Jdbc.query(ds, "find org " + id, c -> select(c, "WHERE id = ?", id).stream().findFirst());
  }

  /** Every org, oldest first. */
  public List<Org> list() {
    return Jdbc.query(ds, "list orgs", c -> select(c, ""));
  }

  public boolean delete(String id) {
    return Jdbc.inTransaction(ds, "delete org " + id, c -> Jdbc.update(c, "DELETE FROM orgs WHERE id = ?", id) == 1);
  }

  private static List<Org> select(Connection c, String where, Object... args) throws SQLException {
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM orgs " + where + " ORDER BY created_at, id",
        rs -> new Org(rs.getString("id"), rs.getString("name"), Status.parse(rs.getString("status")),
            JsonColumns.limits(rs.getString("limits")), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at")),
        args);
  }
}
