package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.storage.Database;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.OlderSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V8 moves the attempts stored before it into their records' attempts column: the request log shows
 * them as before, the request_attempts view still has a row per attempt, and records of both id forms
 * (the older random ids and the time-ordered ones) are found. V9 rolls those attempts up per key.
 */
class RequestLogMigrationTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void records_and_attempts_stored_before_v8_are_kept(Dialect dialect) throws Exception {
    String timeOrdered = RequestIds.next(2_000);
    try (var old = OlderSchema.at("7", dialect, tempDir)) {
      try (Connection c = old.connect()) {
        String stream = old.postgres() ? "false" : "0";
        c.createStatement().execute("INSERT INTO request_records (id, started_at, finished_at, model_requested, "
            + "status, outcome, error_class, stream, input_tokens, output_tokens, cache_read_tokens, "
            + "cache_write_tokens, reasoning_tokens, cost_nanos, charged_nanos, latency_millis, overhead_micros) VALUES "
            + "('req_8f3a9c0d12e4b5a6', 1000, 1900, 'gpt-4o', 200, 'success', NULL, " + stream + ", 10, 5, 0, 0, 0, 7, 7, 900, 50), "
            + "('" + timeOrdered + "', 2000, 2100, 'gpt-4o', 503, 'error', 'upstream_error', " + stream
            + ", 0, 0, 0, 0, 0, 0, 0, 100, 40), "
            + "('req_nottried00000000', 3000, 3001, 'x', 400, 'error', 'invalid_request', " + stream
            + ", 0, 0, 0, 0, 0, 0, 0, 1, 1)");
        c.createStatement().execute("INSERT INTO request_attempts (request_id, attempt_no, provider_id, provider_key_id, "
            + "upstream_model, status, failure_class, message, latency_millis, bytes, started_at) VALUES "
            + "('req_8f3a9c0d12e4b5a6', 2, 'openai', 'pk_b', 'gpt-4o', 200, NULL, NULL, 500, 1200, 1400), "
            + "('req_8f3a9c0d12e4b5a6', 1, 'openai', 'pk_a', 'gpt-4o', 429, 'rate_limited', 'slow \"down\"', 300, 80, 1010), "
            + "('" + timeOrdered + "', 1, 'anthropic', 'pk_c', 'claude', 503, 'upstream_error', 'overloaded', 90, 0, 2005)");
      }
      try (Database db = Database.open(old.cfg)) {
        var log = new RequestLogStore(db.dataSource(), db.isPostgres());
        assertThat(log.find("req_8f3a9c0d12e4b5a6").orElseThrow().attempts()).containsExactly(
            new AttemptRecord(1, "openai", "pk_a", "gpt-4o", 429, "rate_limited", "slow \"down\"", 300, 80,
                Instant.ofEpochMilli(1010)),
            new AttemptRecord(2, "openai", "pk_b", "gpt-4o", 200, null, null, 500, 1200, Instant.ofEpochMilli(1400)));
        assertThat(log.find(timeOrdered).orElseThrow().attempts()).containsExactly(new AttemptRecord(1, "anthropic",
            "pk_c", "claude", 503, "upstream_error", "overloaded", 90, 0, Instant.ofEpochMilli(2005)));
        assertThat(log.find("req_nottried00000000").orElseThrow().attempts()).isEmpty();
        assertThat(log.search(RequestQuery.latest(10)).items()).extracting(RequestRecord::id)
            .containsExactly("req_nottried00000000", timeOrdered, "req_8f3a9c0d12e4b5a6");

        assertThat(rows(db, "SELECT request_id, attempt_no, provider_key_id, status, failure_class, latency_millis, "
            + "bytes, started_at FROM request_attempts ORDER BY request_id, attempt_no")).containsExactly(
            timeOrdered + " 1 pk_c 503 upstream_error 90 0 2005",
            "req_8f3a9c0d12e4b5a6 1 pk_a 429 rate_limited 300 80 1010",
            "req_8f3a9c0d12e4b5a6 2 pk_b 200 null 500 1200 1400");
        assertThat(rows(db, "SELECT hour_start, provider_id, provider_key_id, failure_class, attempts, latency_sum_ms, "
            + "bytes FROM attempts_hourly ORDER BY provider_key_id")).as("V9 rolls the stored attempts up per key")
            .containsExactly("0 openai pk_a rate_limited 1 300 80", "0 openai pk_b  1 500 1200",
                "0 anthropic pk_c upstream_error 1 90 0");
      }
    }
  }

  /** Each row of {@code sql} as its values joined by spaces. */
  static List<String> rows(Database db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
