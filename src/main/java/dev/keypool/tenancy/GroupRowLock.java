package dev.keypool.tenancy;

import dev.keypool.storage.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The row lock that keeps a stored user group and its members consistent across instances sharing a
 * database: a transaction that puts a user into a group holds the group's row shared until it commits,
 * and one that deletes a group holds it exclusively before counting the members. So the delete either
 * waits for the user's commit and then counts that user (and is refused), or commits first and the
 * other finds the row gone (and is refused): never a user in a group that no longer exists. Checking and
 * writing in one transaction is not enough on PostgreSQL by itself: at READ COMMITTED each side would
 * miss the other's uncommitted row. SQLite has one writer at a time and no row locks: there the check
 * and the write of one transaction cannot interleave with another's.
 */
final class GroupRowLock {
  private GroupRowLock() {}

  /** Whether the stored group exists, its row held against deletion until the transaction ends. */
  static boolean forMember(Connection c, String groupId) throws SQLException {
    // KEY SHARE: a change of the group's name or multiplier meanwhile is not held up, only its deletion.
    return lock(c, groupId, " FOR KEY SHARE");
  }

  /** Whether the stored group exists, its row held against new members until the transaction ends. */
  static boolean forDelete(Connection c, String groupId) throws SQLException {
    return lock(c, groupId, " FOR UPDATE");
  }

  private static boolean lock(Connection c, String groupId, String clause) throws SQLException {
    boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    return !Jdbc.select(c, "SELECT id FROM user_groups WHERE id = ?" + (postgres ? clause : ""), rs -> rs.getString(1),
        groupId).isEmpty();
  }
}
