package dev.keypool.tenancy;

import dev.keypool.storage.Blocking;
import dev.keypool.storage.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The user groups created at run time. The multiplier is stored as decimal text, so what was set is
 * what is charged, digit for digit. Every method blocks (run it through {@link Blocking}).
 */
public final class UserGroupStore {
  private static final String COLUMNS = "id, name, sell_multiplier, created_at, updated_at";

  private final DataSource ds;
  private final Clock clock;

  public UserGroupStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Stores a new group under its own id; a taken id is a {@code ConflictException}. */
  public UserGroup insert(UserGroup g) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
    UserGroup row = new UserGroup(g.id(), g.name(), g.sellMultiplier(), false, now, now);
    return Jdbc.inTransaction(ds, "insert user group " + g.id(), c -> {
      Jdbc.update(c, "INSERT INTO user_groups (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", row.id(), row.name(),
          row.sellMultiplier().toPlainString(), now.toEpochMilli(), now.toEpochMilli());
      return row;
    });
  }

  /** Writes name and multiplier with {@code updated_at} now; empty when the group is unknown. */
  public Optional<UserGroup> update(UserGroup g) {
    return Jdbc.inTransaction(ds, "update user group " + g.id(), c -> {
      int changed = Jdbc.update(c, "UPDATE user_groups SET name = ?, sell_multiplier = ?, updated_at = ? WHERE id = ?",
          g.name(), g.sellMultiplier().toPlainString(), clock.millis(), g.id());
      return changed == 0 ? Optional.<UserGroup>empty() : select(c, "WHERE id = ?", g.id()).stream().findFirst();
    });
  }

  /** Every stored group, oldest first. */
  public List<UserGroup> list() {
    return Jdbc.query(ds, "list user groups", c -> select(c, ""));
  }

  /**
   * What a delete found.
   *
   * @param existed whether the group was stored
   * @param members its users: a group with any is not deleted
   */
  public record Deletion(boolean existed, long members) {
    public boolean deleted() {
      return existed && members == 0;
    }
  }

  /**
   * Deletes the group unless a user is in it, in one transaction that holds the group's row first, so
   * that no instance puts a user into it meanwhile ({@link GroupRowLock}).
   */
  public Deletion delete(String id) {
    return Jdbc.inTransaction(ds, "delete user group " + id, c -> {
      if (!GroupRowLock.forDelete(c, id)) {
        return new Deletion(false, 0);
      }
      long members = Jdbc.select(c, "SELECT COUNT(*) FROM users WHERE group_id = ?", rs -> rs.getLong(1), id).get(0);
      if (members == 0) {
        Jdbc.update(c, "DELETE FROM user_groups WHERE id = ?", id);
      }
      return new Deletion(true, members);
    });
  }

  private static List<UserGroup> select(Connection c, String where, Object... args) throws SQLException {
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM user_groups " + where + " ORDER BY created_at, id",
        rs -> new UserGroup(rs.getString("id"), rs.getString("name"), new BigDecimal(rs.getString("sell_multiplier")),
            false, Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at")), args);
  }
}
