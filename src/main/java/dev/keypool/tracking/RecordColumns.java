package dev.keypool.tracking;

import dev.keypool.storage.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The mapping between the record type and its table columns, in both directions, kept in one
 * place so that the column lists, the insert parameters and the reads cannot drift apart.
 *
 * <p>Instants are stored as epoch milliseconds, so they come back truncated to the millisecond.
 * PostgreSQL's text type cannot hold U+0000, which an upstream error message can contain, so on
 * PostgreSQL it is written as U+FFFD rather than letting one message fail a whole batch.
 */
final class RecordColumns {

  static final String RECORD = "id, started_at, finished_at, gateway_key_id, user_id, org_id, endpoint, "
      + "client_format, model_requested, model_served, route_id, provider_id, provider_key_id, status, outcome, "
      + "error_class, error_message, stream, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
      + "reasoning_tokens, usage_source, cost_nanos, charged_nanos, latency_millis, ttft_millis, overhead_micros, "
      + "client_ip, user_agent, attempts";

  private final boolean postgres;

  RecordColumns(boolean postgres) {
    this.postgres = postgres;
  }

  /** Placeholders for {@code columns}: "?, ?, ..." with one per column. */
  static String placeholders(String columns) {
    return String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
  }

  void bindRecord(PreparedStatement ps, RequestRecord r) throws SQLException {
    int i = 0;
    text(ps, ++i, r.id());
    ps.setLong(++i, r.startedAt().toEpochMilli());
    Jdbc.setInstant(ps, ++i, r.finishedAt());
    for (String s : Arrays.asList(r.gatewayKeyId(), r.userId(), r.orgId(), r.endpoint(), r.clientFormat(),
        r.modelRequested(), r.modelServed(), r.routeId(), r.providerId(), r.providerKeyId())) {
      text(ps, ++i, s);
    }
    ps.setInt(++i, r.status());
    text(ps, ++i, r.outcome());
    text(ps, ++i, r.errorClass());
    text(ps, ++i, r.errorMessage());
    ps.setBoolean(++i, r.stream());
    ps.setLong(++i, r.inputTokens());
    ps.setLong(++i, r.outputTokens());
    ps.setLong(++i, r.cacheReadTokens());
    ps.setLong(++i, r.cacheWriteTokens());
    ps.setLong(++i, r.reasoningTokens());
    text(ps, ++i, r.usageSource());
    ps.setLong(++i, r.costNanos());
    ps.setLong(++i, r.chargedNanos());
    ps.setLong(++i, r.latencyMillis());
    if (r.ttftMillis() == null) {
      ps.setNull(++i, Types.BIGINT);
    } else {
      ps.setLong(++i, r.ttftMillis());
    }
    ps.setLong(++i, r.overheadMicros());
    text(ps, ++i, r.clientIp());
    text(ps, ++i, r.userAgent());
    ps.setString(++i, AttemptsJson.encode(r.attempts(), postgres));
  }

  /**
   * The record on the current row; columns as in {@link #RECORD}. Its attempts only when
   * {@code withAttempts}: search results leave them out.
   */
  static RequestRecord readRecord(ResultSet rs, boolean withAttempts) throws SQLException {
    long ttft = rs.getLong("ttft_millis");
    Long ttftMillis = rs.wasNull() ? null : ttft;
    return new RequestRecord(rs.getString("id"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"),
        rs.getString("gateway_key_id"), rs.getString("user_id"), rs.getString("org_id"), rs.getString("endpoint"),
        rs.getString("client_format"), rs.getString("model_requested"), rs.getString("model_served"),
        rs.getString("route_id"), rs.getString("provider_id"), rs.getString("provider_key_id"), rs.getInt("status"),
        rs.getString("outcome"), rs.getString("error_class"), rs.getString("error_message"), rs.getBoolean("stream"),
        rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("cache_read_tokens"),
        rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"), rs.getString("usage_source"),
        rs.getLong("cost_nanos"), rs.getLong("charged_nanos"), rs.getLong("latency_millis"), ttftMillis,
        rs.getLong("overhead_micros"), rs.getString("client_ip"), rs.getString("user_agent"),
        withAttempts ? AttemptsJson.decode(rs.getString("attempts")) : List.of());
  }

  private void text(PreparedStatement ps, int i, String s) throws SQLException {
    ps.setString(i, postgres && s != null ? s.replace('\u0000', '\uFFFD') : s);
  }
}
