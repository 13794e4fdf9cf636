package dev.keypool.tracking;

import dev.keypool.storage.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The mapping between the record type and its table columns, in both directions, kept in one
 * place so that the column lists, the insert parameters and the reads cannot drift apart.
 *
 * <p>Instants are stored as epoch milliseconds, so they come back truncated to the millisecond.
 * PostgreSQL's text type cannot hold U+0000, which an upstream error message can contain, so on
 * PostgreSQL it is written as U+FFFD rather than letting one message fail a whole batch.
 */
final class RecordColumns {

  /** How a column is typed in SQL; {@code arrayType} names it for a PostgreSQL array parameter. */
  private enum Kind {
    TEXT("text", Types.VARCHAR), BIGINT("bigint", Types.BIGINT), INTEGER("integer", Types.INTEGER),
    BOOLEAN("boolean", Types.BOOLEAN);

    final String arrayType;
    final int jdbcType;

    Kind(String arrayType, int jdbcType) {
      this.arrayType = arrayType;
      this.jdbcType = jdbcType;
    }
  }

  private record Column(String name, Kind kind, Function<RequestRecord, Object> value) {}

  /** Every stored field of a record, in table order; the attempts become their JSON in {@link #values}. */
  private static final List<Column> COLUMNS = List.of(
      new Column("id", Kind.TEXT, RequestRecord::id),
      new Column("started_at", Kind.BIGINT, r -> r.startedAt().toEpochMilli()),
      new Column("finished_at", Kind.BIGINT, r -> r.finishedAt() == null ? null : r.finishedAt().toEpochMilli()),
      new Column("gateway_key_id", Kind.TEXT, RequestRecord::gatewayKeyId),
      new Column("user_id", Kind.TEXT, RequestRecord::userId),
      new Column("org_id", Kind.TEXT, RequestRecord::orgId),
      new Column("endpoint", Kind.TEXT, RequestRecord::endpoint),
      new Column("client_format", Kind.TEXT, RequestRecord::clientFormat),
      new Column("model_requested", Kind.TEXT, RequestRecord::modelRequested),
      new Column("model_served", Kind.TEXT, RequestRecord::modelServed),
      new Column("route_id", Kind.TEXT, RequestRecord::routeId),
      new Column("provider_id", Kind.TEXT, RequestRecord::providerId),
      new Column("provider_key_id", Kind.TEXT, RequestRecord::providerKeyId),
      new Column("status", Kind.INTEGER, RequestRecord::status),
      new Column("outcome", Kind.TEXT, RequestRecord::outcome),
      new Column("error_class", Kind.TEXT, RequestRecord::errorClass),
      new Column("error_message", Kind.TEXT, RequestRecord::errorMessage),
      new Column("stream", Kind.BOOLEAN, RequestRecord::stream),
      new Column("input_tokens", Kind.BIGINT, RequestRecord::inputTokens),
      new Column("output_tokens", Kind.BIGINT, RequestRecord::outputTokens),
      new Column("cache_read_tokens", Kind.BIGINT, RequestRecord::cacheReadTokens),
      new Column("cache_write_tokens", Kind.BIGINT, RequestRecord::cacheWriteTokens),
      new Column("reasoning_tokens", Kind.BIGINT, RequestRecord::reasoningTokens),
      new Column("usage_source", Kind.TEXT, RequestRecord::usageSource),
      new Column("cost_nanos", Kind.BIGINT, RequestRecord::costNanos),
      new Column("charged_nanos", Kind.BIGINT, RequestRecord::chargedNanos),
      new Column("latency_millis", Kind.BIGINT, RequestRecord::latencyMillis),
      new Column("ttft_millis", Kind.BIGINT, RequestRecord::ttftMillis),
      new Column("overhead_micros", Kind.BIGINT, RequestRecord::overheadMicros),
      new Column("client_ip", Kind.TEXT, RequestRecord::clientIp),
      new Column("user_agent", Kind.TEXT, RequestRecord::userAgent),
      new Column("attempts", Kind.TEXT, RequestRecord::attempts),
      // Decimal text, as exact as the multiplier that was set.
      new Column("sell_multiplier", Kind.TEXT, r -> r.sellMultiplier() == null ? null : r.sellMultiplier().toPlainString()));

  static final String RECORD = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));

  private final boolean postgres;

  RecordColumns(boolean postgres) {
    this.postgres = postgres;
  }

  /** Placeholders for {@code columns}: "?, ?, ..." with one per column. */
  static String placeholders(String columns) {
    return String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
  }

  /** {@code INSERT} of one record, its values bound by {@link #bindRecord}. */
  static final String INSERT_ROW = "INSERT INTO request_records (" + RECORD + ") VALUES (" + placeholders(RECORD)
      + ") ON CONFLICT DO NOTHING";

  /**
   * PostgreSQL {@code INSERT} of a whole batch, one array parameter per column (bound by
   * {@link #bindColumns}), answering the ids it stored: one statement per batch instead of one
   * execution per record, which is what the driver's and the server's time goes to.
   */
  static final String INSERT_COLUMNS = "INSERT INTO request_records (" + RECORD + ") SELECT * FROM unnest("
      + COLUMNS.stream().map(c -> "?::" + c.kind().arrayType + "[]").collect(Collectors.joining(", "))
      + ") ON CONFLICT DO NOTHING RETURNING id";

  void bindRecord(PreparedStatement ps, RequestRecord r) throws SQLException {
    Object[] values = values(r);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        ps.setNull(i + 1, COLUMNS.get(i).kind().jdbcType);
      } else {
        ps.setObject(i + 1, values[i]); // already a String, Long, Integer or Boolean: passed on as it is
      }
    }
  }

  void bindColumns(Connection c, PreparedStatement ps, List<RequestRecord> batch) throws SQLException {
    Object[][] columns = new Object[COLUMNS.size()][batch.size()];
    for (int row = 0; row < batch.size(); row++) {
      Object[] values = values(batch.get(row));
      for (int col = 0; col < values.length; col++) {
        columns[col][row] = values[col];
      }
    }
    for (int col = 0; col < columns.length; col++) {
      ps.setArray(col + 1, c.createArrayOf(COLUMNS.get(col).kind().arrayType, columns[col]));
    }
  }

  /** The record's column values in table order, as stored. */
  private Object[] values(RequestRecord r) {
    Object[] out = new Object[COLUMNS.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = COLUMNS.get(i).value().apply(r);
      if (v instanceof List<?>) {
        v = AttemptsJson.encode(r.attempts(), postgres);
      } else if (postgres && v instanceof String s) {
        v = s.replace('\u0000', '\uFFFD');
      }
      out[i] = v;
    }
    return out;
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
        withAttempts ? AttemptsJson.decode(rs.getString("attempts")) : List.of(), multiplier(rs.getString("sell_multiplier")));
  }

  private static BigDecimal multiplier(String text) {
    return text == null ? null : new BigDecimal(text);
  }
}
