package dev.keypool.alert;

import java.time.Instant;

/**
 * One opening of a rule for a subject, active until {@code resolvedAt}.
 *
 * @param lastNotifiedAt when its last notice (opening or reminder) was queued
 * @param reminders how many reminders were queued while it stayed active
 */
public record Alert(String id, RuleKind rule, String subject, Severity severity, String title, String detail,
    Instant openedAt, Instant lastNotifiedAt, Instant resolvedAt, int reminders) {

  public boolean active() {
    return resolvedAt == null;
  }

  Alert notified(Instant at) {
    return new Alert(id, rule, subject, severity, title, detail, openedAt, at, resolvedAt, reminders + 1);
  }

  Alert resolved(Instant at) {
    return new Alert(id, rule, subject, severity, title, detail, openedAt, lastNotifiedAt, at, reminders);
  }
}
