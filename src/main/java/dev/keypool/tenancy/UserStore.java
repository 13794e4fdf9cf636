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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of users and their balance ledger. A balance changes only together with its ledger
 * row, in one transaction: the balance is updated in place ({@code balance = balance + delta}, which
 * the database serializes per row) and the ledger row records the result. Every method blocks (run it
 * through {@link Blocking}).
 */
public final class UserStore {
  private static final Logger log = LoggerFactory.getLogger(UserStore.class);
  private static final String COLUMNS = "id, name, email, status, org_id, prepaid, balance_nanos, limits, created_at, updated_at, group_id";
  private static final String LEDGER_COLUMNS = "id, user_id, delta_nanos, balance_after_nanos, kind, note, request_id, created_at";

  private final DataSource ds;
  private final Clock clock;

  public UserStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /** Stores a new user with a fresh {@code usr_} id and a zero balance; the id, balance and times given are ignored. */
  public User insert(User u) {
    return insert(u, false);
  }

  /**
   * {@link #insert(User)}; with {@code storedGroup}, the user's group is one of the stored groups (not the
   * file's) and must still exist when the user is written: else an {@link UnknownGroupException}.
   */
  public User insert(User u, boolean storedGroup) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
    User row = new User(Ids.newId("usr"), u.name(), u.email(), u.status(), u.orgId(), u.prepaid(), 0, u.limits(), now, now,
        u.groupId());
    return Jdbc.inTransaction(ds, "insert user " + u.name(), c -> {
      requireGroup(c, u, storedGroup);
      Jdbc.update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.id(),
          row.name(), row.email(), row.status().wire(), row.orgId(), row.prepaid(), 0L, JsonColumns.limits(row.limits()),
          now.toEpochMilli(), now.toEpochMilli(), row.groupId());
      return row;
    });
  }

  /** Writes everything but the balance, with {@code updated_at} now; empty when the user is unknown. */
  public Optional<User> update(User u) {
    return update(u, false);
  }

  /** {@link #update(User)}, with {@code storedGroup} as for {@link #insert(User, boolean)}. */
  public Optional<User> update(User u, boolean storedGroup) {
    return Jdbc.inTransaction(ds, "update user " + u.id(), c -> {
      requireGroup(c, u, storedGroup);
      int changed = Jdbc.update(c, "UPDATE users SET name = ?, email = ?, status = ?, org_id = ?, prepaid = ?, "
          + "limits = ?, updated_at = ?, group_id = ? WHERE id = ?", u.name(), u.email(), u.status().wire(), u.orgId(),
          u.prepaid(), JsonColumns.limits(u.limits()), clock.millis(), u.groupId(), u.id());
      return changed == 0 ? Optional.<User>empty() : select(c, "WHERE id = ?", u.id()).stream().findFirst();
    });
  }

  public Optional<User> find(String id) {
    return Jdbc.query(ds, "find user " + id, c -> select(c, "WHERE id = ?", id).stream().findFirst());
  }

  /** Every user, oldest first: what the directory is loaded from. */
  public List<User> list() {
    return Jdbc.query(ds, "list users", c -> select(c, ""));
  }

  /** Deletes a user and its ledger. */
  public boolean delete(String id) {
    return Jdbc.inTransaction(ds, "delete user " + id, c -> {
      Jdbc.update(c, "DELETE FROM balance_ledger WHERE user_id = ?", id);
      return Jdbc.update(c, "DELETE FROM users WHERE id = ?", id) == 1;
    });
  }

  /**
   * Changes a balance by {@code deltaNanos} and records it, atomically; the balance may go negative
   * (a settled charge must be recorded whatever is left). Empty when the user is unknown.
   */
  public Optional<LedgerEntry> adjust(String userId, long deltaNanos, LedgerKind kind, String note, String requestId) {
    return adjust(new Charge(userId, deltaNanos, kind, note, requestId), true);
  }

  /**
   * As {@link #adjust(String, long, LedgerKind, String, String)}; with {@code allowNegative} false, a
   * change that would leave the balance below zero is refused with {@link InsufficientBalanceException}.
   */
  public Optional<LedgerEntry> adjust(Charge charge, boolean allowNegative) {
    return Jdbc.inTransaction(ds, "adjust balance of user " + charge.userId(), c -> {
      Optional<LedgerEntry> entry = apply(c, charge, allowNegative);
      if (entry.isEmpty() && !allowNegative) {
        Optional<User> user = select(c, "WHERE id = ?", charge.userId()).stream().findFirst();
        if (user.isPresent()) {
          throw new InsufficientBalanceException(charge.userId(), user.get().balanceNanos(), charge.deltaNanos());
        }
      }
      return entry;
    });
  }

  /**
   * Applies many changes in one transaction (the settling of a batch of requests); balances may go
   * negative. Changes for users that no longer exist are skipped and logged. Returns the recorded entries.
   */
  public List<LedgerEntry> chargeAll(List<Charge> charges) {
    if (charges.isEmpty()) {
      return List.of();
    }
    return Jdbc.inTransaction(ds, "charge " + charges.size() + " balance changes", c -> {
      List<LedgerEntry> out = new ArrayList<>(charges.size());
      for (Charge charge : charges) {
        Optional<LedgerEntry> entry = apply(c, charge, true);
        if (entry.isPresent()) {
          out.add(entry.get());
        } else {
          log.warn("balance change for unknown user {} skipped (request {})", charge.userId(), charge.requestId());
        }
      }
      return out;
    });
  }

  /**
   * Every user's balance with its last ledger id, read in one statement so both are of one moment:
   * what the directory is refreshed from, to see other instances' charges and top-ups.
   */
  public List<BalanceSnapshot> balances() {
    return Jdbc.query(ds, "read balances", c -> Jdbc.select(c, "SELECT u.id, u.balance_nanos, (SELECT MAX(l.id) FROM "
        + "balance_ledger l WHERE l.user_id = u.id) FROM users u", rs -> new BalanceSnapshot(rs.getString(1),
        rs.getLong(2), rs.getLong(3))));
  }

  /** The user's ledger, newest first. */
  public List<LedgerEntry> ledger(String userId, int limit, int offset) {
    return Jdbc.query(ds, "read ledger of user " + userId, c -> Jdbc.select(c, "SELECT " + LEDGER_COLUMNS
        + " FROM balance_ledger WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", UserStore::entry, userId, limit, offset));
  }

  public long ledgerSize(String userId) {
    return Jdbc.query(ds, "count ledger of user " + userId, c -> Jdbc.select(c,
        "SELECT COUNT(*) FROM balance_ledger WHERE user_id = ?", rs -> rs.getLong(1), userId).get(0));
  }

  /** The balance update and its ledger row; empty when the user is unknown or (not allowNegative) the balance is too low. */
  private Optional<LedgerEntry> apply(Connection c, Charge charge, boolean allowNegative) throws SQLException {
    long now = clock.millis();
    long balance;
    try (PreparedStatement ps = c.prepareStatement("UPDATE users SET balance_nanos = balance_nanos + ?, updated_at = ? "
        + "WHERE id = ?" + (allowNegative ? "" : " AND balance_nanos + ? >= 0") + " RETURNING balance_nanos")) {
      ps.setLong(1, charge.deltaNanos());
      ps.setLong(2, now);
      ps.setString(3, charge.userId());
      if (!allowNegative) {
        ps.setLong(4, charge.deltaNanos());
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        balance = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO balance_ledger (user_id, delta_nanos, balance_after_nanos, "
        + "kind, note, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, charge.userId());
      ps.setLong(2, charge.deltaNanos());
      ps.setLong(3, balance);
      ps.setString(4, charge.kind().wire());
      ps.setString(5, charge.note());
      ps.setString(6, charge.requestId());
      ps.setLong(7, now);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.of(new LedgerEntry(rs.getLong(1), charge.userId(), charge.deltaNanos(), balance, charge.kind(),
            charge.note(), charge.requestId(), Instant.ofEpochMilli(now)));
      }
    }
  }

  private static List<User> select(Connection c, String where, Object... args) throws SQLException {
    return Jdbc.select(c, "SELECT " + COLUMNS + " FROM users " + where + " ORDER BY created_at, id", UserStore::user, args);
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getString("id"), rs.getString("name"), rs.getString("email"), Status.parse(rs.getString("status")),
        rs.getString("org_id"), rs.getBoolean("prepaid"), rs.getLong("balance_nanos"),
        JsonColumns.limits(rs.getString("limits")), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
        rs.getString("group_id"));
  }

  /** Holds the user's stored group against deletion until the transaction ends ({@link GroupRowLock}). */
  private static void requireGroup(Connection c, User u, boolean storedGroup) throws SQLException {
    if (storedGroup && u.groupId() != null && !GroupRowLock.forMember(c, u.groupId())) {
      throw new UnknownGroupException(u.groupId());
    }
  }

  private static LedgerEntry entry(ResultSet rs) throws SQLException {
    return new LedgerEntry(rs.getLong("id"), rs.getString("user_id"), rs.getLong("delta_nanos"),
        rs.getLong("balance_after_nanos"), LedgerKind.parse(rs.getString("kind")), rs.getString("note"),
        rs.getString("request_id"), Jdbc.instant(rs, "created_at"));
  }
}
