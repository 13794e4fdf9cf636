package dev.keypool.alert;

import dev.keypool.storage.Ids;
import dev.keypool.storage.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code alerts} and {@code alert_outbox} tables (migration V14). An alert and its notices are
 * written in one transaction, so a notice is queued exactly when its alert changes. Blocks on JDBC:
 * called from the alert thread or the admin API's workers.
 */
public final class AlertStore {
  private static final String ALERT_COLUMNS =
      "id, rule, subject, severity, title, detail, opened_at, last_notified_at, resolved_at, reminders";
  private static final String OUTBOX_COLUMNS =
      "id, alert_id, channel, payload, state, created_at, expires_at, attempts, next_attempt_at, last_error, sent_at";

  private final DataSource ds;

  public AlertStore(DataSource ds) {
    this.ds = ds;
  }

  /** One queued message to one channel. */
  public record OutboxEntry(String id, String alertId, String channel, Notice notice, String state, Instant createdAt,
      Instant expiresAt, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {}

  /** A notice to queue for a channel until {@code expiresAt}. */
  public record Queued(String channel, Notice notice, Instant expiresAt) {}

  /** Inserts {@code a} and queues {@code notices}; a {@code ConflictException} when it is active already. */
  public void open(Alert a, List<Queued> notices) {
    Jdbc.inTransaction(ds, "open an alert", c -> {
      Jdbc.update(c, "INSERT INTO alerts (" + ALERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)", a.id(),
          a.rule().wire(), a.subject(), a.severity().wire(), a.title(), a.detail() == null ? "" : a.detail(),
          a.openedAt().toEpochMilli(), a.lastNotifiedAt().toEpochMilli(), a.reminders());
      queue(c, notices);
      return null;
    });
  }

  /** Records a reminder of {@code a} (its new last-notified time and count) and queues {@code notices}. */
  public void remind(Alert a, List<Queued> notices) {
    Jdbc.inTransaction(ds, "record an alert reminder", c -> {
      Jdbc.update(c, "UPDATE alerts SET last_notified_at = ?, reminders = ? WHERE id = ?",
          a.lastNotifiedAt().toEpochMilli(), a.reminders(), a.id());
      queue(c, notices);
      return null;
    });
  }

  /** Marks {@code a} resolved and queues {@code notices}. */
  public void resolve(Alert a, List<Queued> notices) {
    Jdbc.inTransaction(ds, "resolve an alert", c -> {
      Jdbc.update(c, "UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
          a.resolvedAt().toEpochMilli(), a.id());
      queue(c, notices);
      return null;
    });
  }

  /** Queues notices that belong to no stored alert (kept when the database was down as they were raised). */
  public void queue(List<Queued> notices) {
    Jdbc.inTransaction(ds, "queue alert notices", c -> {
      queue(c, notices);
      return null;
    });
  }

  /** Every active alert. */
  public List<Alert> active() {
    return Jdbc.query(ds, "list active alerts", c -> Jdbc.select(c,
        "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE resolved_at IS NULL ORDER BY opened_at, id", AlertStore::alert));
  }

  /** The latest {@code limit} alerts, active or resolved, newest first; of one rule when {@code rule} is set. */
  public List<Alert> recent(RuleKind rule, int limit) {
    String where = rule == null ? "" : " WHERE rule = ?";
    Object[] args = rule == null ? new Object[] {limit} : new Object[] {rule.wire(), limit};
    return Jdbc.query(ds, "list alerts", c -> Jdbc.select(c,
        "SELECT " + ALERT_COLUMNS + " FROM alerts" + where + " ORDER BY opened_at DESC, id DESC LIMIT ?",
        AlertStore::alert, args));
  }

  /** Notices not yet delivered nor expired, oldest first, due or not. */
  public List<OutboxEntry> pending(int limit) {
    return Jdbc.query(ds, "read the alert outbox", c -> Jdbc.select(c,
        "SELECT " + OUTBOX_COLUMNS + " FROM alert_outbox WHERE state = 'pending' ORDER BY created_at, id LIMIT ?",
        AlertStore::entry, limit));
  }

  /** The channels that still have a notice of this alert to deliver. */
  public java.util.Set<String> pendingChannels(String alertId) {
    return new java.util.HashSet<>(Jdbc.query(ds, "read pending alert notices", c -> Jdbc.select(c,
        "SELECT channel FROM alert_outbox WHERE alert_id = ? AND state = 'pending'", rs -> rs.getString(1), alertId)));
  }

  /** The notices of this alert, for the API's delivery view. */
  public List<OutboxEntry> deliveries(String alertId) {
    return Jdbc.query(ds, "read alert deliveries", c -> Jdbc.select(c,
        "SELECT " + OUTBOX_COLUMNS + " FROM alert_outbox WHERE alert_id = ? ORDER BY created_at, id",
        AlertStore::entry, alertId));
  }

  /**
   * Takes {@code e} for one delivery attempt by moving its next attempt to {@code leaseUntil}; false when
   * another instance took it first (its next attempt time changed).
   */
  public boolean claim(OutboxEntry e, Instant leaseUntil) {
    return Jdbc.query(ds, "claim an alert notice", c -> Jdbc.update(c,
        "UPDATE alert_outbox SET next_attempt_at = ? WHERE id = ? AND state = 'pending' AND next_attempt_at = ?",
        leaseUntil.toEpochMilli(), e.id(), e.nextAttemptAt().toEpochMilli()) == 1);
  }

  public void markSent(OutboxEntry e, Instant at) {
    Jdbc.query(ds, "mark an alert notice sent", c -> Jdbc.update(c,
        "UPDATE alert_outbox SET state = 'sent', sent_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
        at.toEpochMilli(), e.attempts() + 1, e.id()));
  }

  public void markFailed(OutboxEntry e, String error, Instant nextAttempt) {
    Jdbc.query(ds, "record a failed alert delivery", c -> Jdbc.update(c,
        "UPDATE alert_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
        e.attempts() + 1, error, nextAttempt.toEpochMilli(), e.id()));
  }

  public void markExpired(OutboxEntry e, String reason) {
    Jdbc.query(ds, "expire an alert notice", c -> Jdbc.update(c,
        "UPDATE alert_outbox SET state = 'expired', last_error = ? WHERE id = ?", reason, e.id()));
  }

  /** Deletes delivered and expired notices and resolved alerts older than {@code before}. */
  public void prune(Instant before) {
    Jdbc.inTransaction(ds, "prune old alerts", c -> {
      Jdbc.update(c, "DELETE FROM alert_outbox WHERE state <> 'pending' AND created_at < ?", before.toEpochMilli());
      Jdbc.update(c, "DELETE FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ?", before.toEpochMilli());
      return null;
    });
  }

  private static void queue(Connection c, List<Queued> notices) throws SQLException {
    for (Queued q : notices) {
      Instant at = q.notice().at();
      Jdbc.update(c, "INSERT INTO alert_outbox (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, 'pending', ?, ?, 0, ?, NULL, NULL)",
          Ids.newId("an"), q.notice().alertId(), q.channel(), q.notice().toJson(), at.toEpochMilli(),
          q.expiresAt().toEpochMilli(), at.toEpochMilli());
    }
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(rs.getString("id"), RuleKind.of(rs.getString("rule")), rs.getString("subject"),
        Severity.valueOf(rs.getString("severity").toUpperCase(java.util.Locale.ROOT)), rs.getString("title"),
        rs.getString("detail"), Jdbc.instant(rs, "opened_at"), Jdbc.instant(rs, "last_notified_at"),
        Jdbc.instant(rs, "resolved_at"), rs.getInt("reminders"));
  }

  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getString("id"), rs.getString("alert_id"), rs.getString("channel"),
        Notice.fromJson(rs.getString("payload")), rs.getString("state"), Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "expires_at"), rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"),
        rs.getString("last_error"), Jdbc.instant(rs, "sent_at"));
  }
}
