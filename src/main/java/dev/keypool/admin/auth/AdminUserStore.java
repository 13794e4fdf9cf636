package dev.keypool.admin.auth;

import dev.keypool.storage.Ids;
import dev.keypool.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The admin users table. Every method blocks. Changes that would leave no active admin (demoting,
 * disabling or deleting the last one) fail with {@link LastAdminException}; the check and the change
 * run in one transaction, and on PostgreSQL the active admins are locked first so two concurrent
 * demotions cannot both pass (SQLite has one connection, so its transactions never interleave).
 */
public final class AdminUserStore {
  private static final String COLUMNS = "id, username, password_hash, role, status, created_at, updated_at, last_login_at";

  private final DataSource ds;
  private final boolean postgres;
  private final Clock clock;

  public AdminUserStore(DataSource ds, boolean postgres, Clock clock) {
    this.ds = ds;
    this.postgres = postgres;
    this.clock = clock;
  }

  /** The fields an update may change; null leaves a field as it is. */
  public record Change(AdminRole role, String status, String passwordHash) {}

  public List<AdminUser> list() {
    return Jdbc.query(ds, "list admin users", c -> select(c, ""));
  }

  public Optional<AdminUser> find(String id) {
    return Jdbc.query(ds, "find admin user", c -> select(c, "id = ?", id).stream().findFirst());
  }

  public Optional<AdminUser> findByUsername(String username) {
    return Jdbc.query(ds, "find admin user by name", c -> select(c, "username = ?", username).stream().findFirst());
  }

  public long countActiveAdmins() {
    return Jdbc.query(ds, "count admin users", c -> (long) select(c, "role = 'admin' AND status = 'active'").size());
  }

  /** Creates a user; {@link dev.keypool.storage.ConflictException} if the name is taken. */
  public AdminUser create(String username, String passwordHash, AdminRole role) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    AdminUser user = new AdminUser(Ids.newId("au"), username, passwordHash, role, AdminUser.ACTIVE, now, now, null);
    return Jdbc.inTransaction(ds, "create admin user " + username, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, user.id());
        ps.setString(2, user.username());
        ps.setString(3, user.passwordHash());
        ps.setString(4, user.role().wire());
        ps.setString(5, user.status());
        ps.setLong(6, now.toEpochMilli());
        ps.setLong(7, now.toEpochMilli());
        ps.setNull(8, Types.BIGINT);
        ps.executeUpdate();
      }
      return user;
    });
  }

  /** Applies {@code change}; empty if the user does not exist. */
  public Optional<AdminUser> update(String id, Change change) {
    return Jdbc.inTransaction(ds, "update admin user " + id, c -> {
      lockAdmins(c);
      Optional<AdminUser> found = select(c, "id = ?", id).stream().findFirst();
      if (found.isEmpty()) {
        return Optional.empty();
      }
      AdminUser old = found.get();
      AdminUser changed = new AdminUser(old.id(), old.username(),
          change.passwordHash() == null ? old.passwordHash() : change.passwordHash(),
          change.role() == null ? old.role() : change.role(), change.status() == null ? old.status() : change.status(),
          old.createdAt(), clock.instant().truncatedTo(ChronoUnit.MILLIS), old.lastLoginAt());
      if (old.activeAdmin() && !changed.activeAdmin()) {
        requireAnotherAdmin(c, old);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE admin_users SET password_hash = ?, role = ?, status = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, changed.passwordHash());
        ps.setString(2, changed.role().wire());
        ps.setString(3, changed.status());
        ps.setLong(4, changed.updatedAt().toEpochMilli());
        ps.setString(5, id);
        ps.executeUpdate();
      }
      return Optional.of(changed);
    });
  }

  /** Deletes a user (its sessions go with it); empty if it did not exist. */
  public Optional<AdminUser> delete(String id) {
    return Jdbc.inTransaction(ds, "delete admin user " + id, c -> {
      lockAdmins(c);
      Optional<AdminUser> found = select(c, "id = ?", id).stream().findFirst();
      if (found.isPresent()) {
        if (found.get().activeAdmin()) {
          requireAnotherAdmin(c, found.get());
        }
        // Sessions first: SQLite enforces the cascade only when foreign keys are on for the connection.
        execute(c, "DELETE FROM admin_sessions WHERE user_id = ?", id);
        execute(c, "DELETE FROM admin_users WHERE id = ?", id);
      }
      return found;
    });
  }

  public void recordLogin(String id, Instant at) {
    Jdbc.inTransaction(ds, "record admin login", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE admin_users SET last_login_at = ? WHERE id = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setString(2, id);
        return ps.executeUpdate();
      }
    });
  }

  private void lockAdmins(Connection c) throws SQLException {
    if (postgres) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM admin_users WHERE role = 'admin' AND status = 'active' FOR UPDATE")) {
        ps.executeQuery().close();
      }
    }
  }

  private static void requireAnotherAdmin(Connection c, AdminUser user) throws SQLException {
    if (select(c, "role = 'admin' AND status = 'active' AND id <> ?", user.id()).isEmpty()) {
      throw new LastAdminException(user.username());
    }
  }

  private static void execute(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      ps.executeUpdate();
    }
  }

  private static List<AdminUser> select(Connection c, String where, Object... args) throws SQLException {
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM admin_users" + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY created_at, id", AdminUserStore::read, args);
  }

  /** One row of {@code admin_users} read by its column names (also used by the session lookup's join). */
  static AdminUser read(ResultSet rs) throws SQLException {
    long lastLogin = rs.getLong("last_login_at");
    Instant lastLoginAt = rs.wasNull() ? null : Instant.ofEpochMilli(lastLogin);
    return new AdminUser(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
        AdminRole.parse(rs.getString("role")), rs.getString("status"), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")), lastLoginAt);
  }
}
