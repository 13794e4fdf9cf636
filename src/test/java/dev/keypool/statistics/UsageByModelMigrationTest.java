package dev.keypool.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.storage.Database;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.OlderSchema;
import dev.keypool.tracking.RequestRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records stored before the rollups existed (V2) are rolled up by key by V3 and by model by V20: after
 * the migrations both rollups answer the page-wide figures alike.
 */
class UsageByModelMigrationTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void v20_fills_the_rollups_by_model_from_the_rollups_by_key(Dialect dialect) throws Exception {
    List<RequestRecord> records = VariedTraffic.records(300, 7);
    try (var old = OlderSchema.at("2", dialect, tempDir)) {
      try (Connection c = old.connect()) {
        insertAsV2(c, records);
      }
      try (Database db = Database.open(old.cfg)) {
        var clock = new ManualClock(VariedTraffic.TO);
        var byModel = new StatisticsService(db.dataSource(), clock, true);
        var byKey = new StatisticsService(db.dataSource(), clock, false);
        assertThat(byModel.overview(VariedTraffic.FROM, VariedTraffic.TO).requests()).isEqualTo(records.size());
        SameAnswers.assertSame(byModel, byKey, VariedTraffic.FROM, VariedTraffic.TO);
        SameAnswers.assertSame(byModel, byKey, VariedTraffic.FROM.plus(Duration.ofMinutes(9 * 24 * 60 + 95)),
            VariedTraffic.FROM.plus(Duration.ofMinutes(13 * 24 * 60 + 1)));
      }
    }
  }

  private static void insertAsV2(Connection c, List<RequestRecord> records) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_records (id, started_at, finished_at, "
        + "gateway_key_id, model_requested, route_id, provider_id, provider_key_id, status, outcome, error_class, "
        + "stream, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_source, "
        + "cost_nanos, charged_nanos, latency_millis, ttft_millis, overhead_micros) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (RequestRecord r : records) {
        int i = 1;
        ps.setString(i++, r.id());
        ps.setLong(i++, r.startedAt().toEpochMilli());
        ps.setLong(i++, r.finishedAt().toEpochMilli());
        ps.setString(i++, r.gatewayKeyId());
        // V3 rolls up what was asked; today's writer counts a refused request under '' (no route).
        ps.setString(i++, r.routeId() == null ? null : r.modelRequested());
        ps.setString(i++, r.routeId());
        ps.setString(i++, r.providerId());
        ps.setString(i++, r.providerKeyId());
        ps.setInt(i++, r.status());
        ps.setString(i++, r.outcome());
        ps.setString(i++, r.errorClass());
        ps.setBoolean(i++, r.stream());
        for (long v : new long[] {r.inputTokens(), r.outputTokens(), r.cacheReadTokens(), r.cacheWriteTokens(),
            r.reasoningTokens()}) {
          ps.setLong(i++, v);
        }
        ps.setString(i++, r.usageSource());
        ps.setLong(i++, r.costNanos());
        ps.setLong(i++, r.chargedNanos());
        ps.setLong(i++, r.latencyMillis());
        if (r.ttftMillis() == null) {
          ps.setNull(i++, Types.BIGINT);
        } else {
          ps.setLong(i++, r.ttftMillis());
        }
        ps.setLong(i, r.overheadMicros());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
