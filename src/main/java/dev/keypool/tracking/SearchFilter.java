package dev.keypool.tracking;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a {@link RequestQuery} and its parameters, built together so they stay in step.
 *
 * <p>Text search is a substring match: {@code ILIKE} on PostgreSQL; on SQLite plain {@code LIKE},
 * which already ignores ASCII case. The user's {@code %}, {@code _} and {@code \} are escaped so they
 * match themselves.
 */
final class SearchFilter {

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  SearchFilter(RequestQuery q, boolean postgres) {
    if (q.from() != null) {
      add("started_at >= ?", q.from().toEpochMilli());
    }
    if (q.to() != null) {
      add("started_at < ?", q.to().toEpochMilli());
    }
    if (q.model() != null) {
      add("model_requested = ?", q.model());
    }
    if (q.status() != null) {
      add("status = ?", q.status());
    }
    if (q.outcome() != null) {
      add("outcome = ?", q.outcome());
    }
    if ((q.status() != null && q.status() >= 400) || (q.outcome() != null && !q.outcome().equals("success"))) {
      // Implied by the filter (a record with status >= 400 did not succeed), and named so that
      // SQLite reads its index of failures, which has this very condition.
      add("outcome <> 'success'");
    }
    if (q.providerKeyId() != null) {
      add("provider_key_id = ?", q.providerKeyId());
    }
    if (q.gatewayKeyId() != null) {
      add("gateway_key_id = ?", q.gatewayKeyId());
    }
    if (q.userId() != null) {
      add("user_id = ?", q.userId());
    }
    if (q.orgId() != null) {
      add("org_id = ?", q.orgId());
    }
    if (q.text() != null && RequestIds.startMillis(q.text().trim()).isPresent()) {
      // A whole request id (what an operator pastes from a client's x-keypool-request-id) names one record:
      // found by its key, where the substring search below would read the whole log (15 s at 10M records).
      add("id = ?", q.text().trim().toLowerCase(java.util.Locale.ROOT));
    } else if (q.text() != null && !q.text().isEmpty()) {
      String like = postgres ? " ILIKE ? ESCAPE '\\'" : " LIKE ? ESCAPE '\\'";
      String pattern = "%" + escape(q.text()) + "%";
      add("(id" + like + " OR model_requested" + like + " OR model_served" + like + " OR error_message" + like + ")",
          pattern, pattern, pattern, pattern);
    }
    if (q.cursor() != null) {
      RequestCursor after = RequestCursor.decode(q.cursor());
      // A row comparison is one bound on the (started_at, id) index; the same condition spelled with OR made
      // PostgreSQL read and discard every newer entry (2.4 s for a page 20 days deep in 10M records, against
      // milliseconds). The plain started_at bound lets the per-filter indexes start there too.
      add("(started_at, id) < (?, ?) AND started_at <= ?", after.startedAtMillis(), after.id(), after.startedAtMillis());
    }
  }

  /** This filter narrowed to records started in [{@code fromMillis}, {@code toMillis}); null is unbounded. */
  SearchFilter startedWithin(Long fromMillis, Long toMillis) {
    if (fromMillis != null) {
      add("started_at >= ?", fromMillis);
    }
    if (toMillis != null) {
      add("started_at < ?", toMillis);
    }
    return this;
  }

  /** " WHERE ..." or the empty string. */
  String sql() {
    return sql.toString();
  }

  /** Binds the parameters from index {@code first}; returns the next free index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      ps.setObject(i++, p);
    }
    return i;
  }

  private void add(String condition, Object... values) {
    sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
    params.addAll(List.of(values));
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
