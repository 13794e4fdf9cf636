package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The hourly rollups follow exactly the records the inserter stores: each new record once, replays never. */
@ParameterizedClass
@EnumSource(Dialect.class)
class UsageRollupTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  TestDatabase t;
  RecordInserter inserter;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    inserter = new RecordInserter(t.dataSource(), t.postgres());
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  /** {@code n} successful gpt-4o records from {@link Records#T0}, one second apart: all in one rollup row. */
  static List<RequestRecord> batch(String prefix, int n) {
    List<RequestRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RequestRecord r = Records.sample(prefix + i, Records.T0.plusSeconds(i), "gpt-4o", 200, "success");
      // One provider and gateway key for all, so they share a rollup row.
      out.add(new RequestRecord(r.id(), r.startedAt(), r.finishedAt(), "gk_1", r.userId(), r.orgId(), r.endpoint(),
          r.clientFormat(), r.modelRequested(), r.modelServed(), r.routeId(), r.providerId(), "pk_1", r.status(),
          r.outcome(), r.errorClass(), r.errorMessage(), r.stream(), r.inputTokens(), r.outputTokens(),
          r.cacheReadTokens(), r.cacheWriteTokens(), r.reasoningTokens(), r.usageSource(), r.costNanos(),
          r.chargedNanos(), r.latencyMillis(), r.ttftMillis(), r.overheadMicros(), r.clientIp(), r.userAgent(),
          r.attempts()));
    }
    return out;
  }

  @Test
  void a_batch_is_summed_into_one_row_per_key_and_hour() throws SQLException {
    assertThat(inserter.insert(batch("a", 10))).isEqualTo(10);
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly")).isEqualTo(1);
    assertThat(t.count("SELECT requests FROM usage_hourly")).isEqualTo(10);
    assertThat(t.count("SELECT input_tokens FROM usage_hourly")).isEqualTo(10_000);
    assertThat(t.count("SELECT cost_nanos FROM usage_hourly")).isEqualTo(42_500_000L);
    assertThat(t.count("SELECT latency_sum_ms FROM usage_hourly")).isEqualTo(12_340);
    assertThat(t.count("SELECT ttft_count FROM usage_hourly")).isEqualTo(10);
    // 1,234 ms falls in bucket 7, [1200, 2000).
    assertThat(t.count("SELECT " + LatencyBuckets.column(7) + " FROM usage_hourly")).isEqualTo(10);
    assertThat(t.count("SELECT hour_start FROM usage_hourly"))
        .isEqualTo(Instant.parse("2025-03-01T12:00:00Z").toEpochMilli());
    assertThat(t.count("SELECT day_start FROM usage_daily")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z").toEpochMilli());
    assertThat(t.count("SELECT requests FROM usage_daily")).isEqualTo(10);
    assertThat(t.count("SELECT " + LatencyBuckets.column(7) + " FROM usage_daily")).isEqualTo(10);
  }

  @Test
  void a_replayed_batch_does_not_count_twice() throws SQLException {
    List<RequestRecord> first = batch("a", 5);
    inserter.insert(first);
    assertThat(inserter.insert(first)).isZero();
    // Half replayed, half new: only the new ones are added.
    List<RequestRecord> overlap = new ArrayList<>(first.subList(2, 5));
    overlap.addAll(batch("b", 3));
    assertThat(inserter.insert(overlap)).isEqualTo(3);
    assertThat(t.records()).isEqualTo(8);
    assertThat(t.count("SELECT SUM(requests) FROM usage_hourly")).isEqualTo(8);
    assertThat(t.count("SELECT SUM(output_tokens) FROM usage_hourly")).isEqualTo(8 * 250);
    assertThat(t.count("SELECT SUM(requests) FROM usage_daily")).isEqualTo(8);
    assertThat(t.count("SELECT SUM(output_tokens) FROM usage_daily")).isEqualTo(8 * 250);
    // Each sample record has two attempts: a rate-limited one on pk_first, then the one that answered.
    assertThat(t.count("SELECT SUM(attempts) FROM attempts_hourly")).isEqualTo(16);
    assertThat(t.count("SELECT attempts FROM attempts_hourly WHERE provider_key_id = 'pk_first' "
        + "AND failure_class = 'rate_limit'")).isEqualTo(8);
    assertThat(t.count("SELECT SUM(bytes) FROM attempts_hourly WHERE failure_class = ''")).isEqualTo(8 * 4_096);
  }

  @Test
  void a_record_twice_in_one_batch_is_stored_and_counted_once() throws SQLException {
    List<RequestRecord> twice = new ArrayList<>(batch("c", 3));
    twice.add(twice.get(1));
    assertThat(inserter.insert(twice)).isEqualTo(3);
    assertThat(t.records()).isEqualTo(3);
    assertThat(t.count("SELECT SUM(requests) FROM usage_hourly")).isEqualTo(3);
    assertThat(t.count("SELECT SUM(requests) FROM usage_daily")).isEqualTo(3);
  }

  @Test
  void missing_ids_share_one_row_and_failures_are_counted_by_class() throws SQLException {
    RequestRecord s = Records.sample("x", Records.T0, "gpt-4o", 429, "error");
    List<RequestRecord> failed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      failed.add(new RequestRecord("f" + i, s.startedAt(), s.finishedAt(), null, null, null, s.endpoint(),
          s.clientFormat(), s.modelRequested(), null, null, null, null, 429, "error", "rate_limit", "slow", false,
          0, 0, 0, 0, 0, "none", 0, 0, 10, null, 5, null, null, List.of()));
    }
    inserter.insert(failed.subList(0, 2));
    inserter.insert(failed.subList(1, 3)); // f1 again
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly")).isEqualTo(1);
    assertThat(t.count("SELECT errors FROM usage_hourly WHERE provider_key_id = '' AND gateway_key_id = ''"))
        .isEqualTo(3);
    assertThat(t.count("SELECT count FROM errors_hourly WHERE error_class = 'rate_limit' AND provider_id = ''"))
        .isEqualTo(3);
  }

  @Test
  void requests_without_a_route_share_one_row_whatever_model_they_named() throws SQLException {
    List<RequestRecord> refused = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RequestRecord r = Records.sample("n" + i, Records.T0.plusSeconds(i), "made-up-" + i, 404, "error");
      refused.add(new RequestRecord(r.id(), r.startedAt(), r.finishedAt(), "gk_1", null, null, r.endpoint(),
          r.clientFormat(), r.modelRequested(), null, null, null, null, 404, "error", "not_found", "no such model",
          false, 0, 0, 0, 0, 0, "none", 0, 0, 3, null, 5, null, null, List.of()));
    }
    inserter.insert(refused);
    inserter.insert(batch("routed", 2));
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly")).isEqualTo(2);
    assertThat(t.count("SELECT requests FROM usage_hourly WHERE model_requested = ''")).isEqualTo(50);
    assertThat(t.count("SELECT requests FROM usage_hourly WHERE model_requested = 'gpt-4o'")).isEqualTo(2);
    assertThat(t.count("SELECT COUNT(*) FROM usage_daily")).isEqualTo(2);
    assertThat(t.count("SELECT count FROM errors_hourly WHERE model_requested = '' AND error_class = 'not_found'"))
        .isEqualTo(50);
    // The log keeps each name as asked.
    assertThat(t.count("SELECT COUNT(DISTINCT model_requested) FROM request_records")).isEqualTo(51);
  }

  /**
   * Records with a route: the V3 backfill, written before requests without a route were rolled up
   * under one model key, groups by the model requested and applies to them alike.
   */
  @Test
  void the_migration_backfill_computes_the_same_rollups_as_the_writer() throws Exception {
    List<RequestRecord> varied = new ArrayList<>();
    String[] outcomes = {"success", "error", "client_abort", null};
    for (int i = 0; i < 60; i++) {
      RequestRecord r = Records.sample("v" + i, Records.T0.plusSeconds(i * 2_011L), i % 3 == 0 ? "m1" : "m2", 200, "x");
      varied.add(new RequestRecord(r.id(), r.startedAt(), r.finishedAt(), i % 5 == 0 ? null : "gk_" + (i % 2),
          null, null, r.endpoint(), r.clientFormat(), r.modelRequested(), null, r.routeId(), i % 7 == 0 ? null : "openai",
          i % 7 == 0 ? null : "pk_" + (i % 3), 200, outcomes[i % 4], i % 4 == 1 ? "transient" : null, null, false,
          i, 2L * i, 3L * i, i / 2, i / 3, i % 6 == 0 ? "estimated" : "provider", 1_000L * i, 1_500L * i,
          (i * 9_973L) % 130_000, i % 2 == 0 ? null : (long) i, 5, null, null, List.of()));
    }
    inserter.insert(varied);
    List<String> written = rollups();
    t.execute("DELETE FROM usage_hourly");
    t.execute("DELETE FROM usage_daily");
    t.execute("DELETE FROM errors_hourly");
    String migration;
    try (var in = getClass().getResourceAsStream("/db/migration/" + (t.postgres() ? "postgresql" : "sqlite")
        + "/V3__usage_rollups.sql")) {
      migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String backfill = migration.substring(migration.indexOf("-- Backfill"));
    for (String statement : backfill.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        t.execute(statement);
      }
    }
    assertThat(rollups()).isEqualTo(written).hasSizeGreaterThan(3);
  }

  /** Every rollup row as text, in key order. */
  private List<String> rollups() throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String sql : List.of("SELECT * FROM usage_hourly ORDER BY 1, 2, 3, 4, 5, 6",
        "SELECT * FROM usage_daily ORDER BY 1, 2, 3, 4, 5, 6", "SELECT * FROM errors_hourly ORDER BY 1, 2, 3, 4")) {
      try (var c = t.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(rs.getString(i)).append('|');
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }
}
