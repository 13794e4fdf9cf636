package dev.keypool.tenancy;

import dev.keypool.storage.Blocking;
import dev.keypool.storage.Ids;
import dev.keypool.storage.Jdbc;
import dev.keypool.storage.JsonColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    Instant now = clock.instant();
    Org org = new Org(Ids.newId("org"), o.name(), o.status(), o.limits(), now, now);
    return Jdbc.inTransaction(ds, "insert org " + o.name(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO orgs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, org.id());
        ps.setString(2, org.name());
        ps.setString(3, org.status().wire());
        ps.setString(4, JsonColumns.limits(org.limits()));
        ps.setLong(5, now.toEpochMilli());
        ps.setLong(6, now.toEpochMilli());
        ps.executeUpdate();
      }
      return org;
    });
  }

  /** Writes name, status and limits with {@code updated_at} now; empty when the org is unknown. */
  public Optional<Org> update(Org org) {
    return Jdbc.inTransaction(ds, "update org " + org.id(), c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE orgs SET name = ?, status = ?, limits = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, org.name());
        ps.setString(2, org.status().wire());
        ps.setString(3, JsonColumns.limits(org.limits()));
        ps.setLong(4, clock.millis());
        ps.setString(5, org.id());
        if (ps.executeUpdate() == 0) {
          return Optional.<Org>empty();
        }
      }
      return select(c, "WHERE id = ?", org.id()).stream().findFirst();
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
    return Jdbc.inTransaction(ds, "delete org " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM orgs WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static List<Org> select(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM orgs " + where + " ORDER BY created_at, id")) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Org> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Org(rs.getString("id"), rs.getString("name"), Status.parse(rs.getString("status")),
              JsonColumns.limits(rs.getString("limits")), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at")));
        }
        return out;
      }
    }
  }
}
