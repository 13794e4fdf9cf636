package dev.keypool.tracking;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class RequestLogStoreTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  TestDatabase t;
  RequestLogStore store;
  RecordInserter inserter;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new RequestLogStore(t.dataSource(), t.postgres());
    inserter = new RecordInserter(t.dataSource(), t.postgres());
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  void insert(RequestRecord... records) throws SQLException {
    inserter.insert(List.of(records));
  }

  static RequestQuery query(String model, Integer status, String outcome, String text) {
    return new RequestQuery(null, null, model, status, outcome, null, null, null, null, text, 100, null);
  }

  List<String> ids(RequestQuery q) {
    return store.search(q).items().stream().map(RequestRecord::id).toList();
  }

  @Test
  void a_text_search_answers_within_its_time_budget_with_what_it_found_and_goes_on_from_where_it_stopped()
      throws SQLException {
    // Matches 10 and 40 days old, newer records that do not match in between.
    Instant now = Records.T0;
    List<RequestRecord> records = new ArrayList<>();
    records.add(Records.sample("req_old", now.minus(java.time.Duration.ofDays(40)), "needle-model", 200, "success"));
    records.add(Records.sample("req_mid", now.minus(java.time.Duration.ofDays(10)), "needle-model", 200, "success"));
    for (int d = 0; d < 60; d++) {
      records.add(Records.sample("req_other_" + d, now.minus(java.time.Duration.ofHours(12L * d)), "other", 200,
          "success"));
    }
    inserter.insert(records);
    // Each reading of the clock moves it on by a quarter of the budget: the scan stops after a few slices.
    long[] clock = {0};
    RequestLogStore budgeted = new RequestLogStore(t.dataSource(), t.postgres(),
        () -> clock[0] += RequestLogStore.SCAN_BUDGET_NANOS / 4);

    List<String> found = new ArrayList<>();
    List<Instant> stops = new ArrayList<>();
    RequestQuery q = query(null, null, null, "needle");
    for (int call = 0; call < 50; call++) {
      Page<RequestRecord> page = budgeted.search(q);
      page.items().forEach(r -> found.add(r.id()));
      if (page.nextCursor() == null) {
        assertThat(page.searchedTo()).isNull();
        break;
      }
      assertThat(page.searchedTo()).as("a partial page says how far back it searched").isNotNull();
      stops.add(page.searchedTo());
      q = q.after(page.nextCursor());
    }
    assertThat(found).containsExactly("req_mid", "req_old");
    assertThat(stops).as("the search stopped on its budget, each time further back").hasSizeGreaterThan(1)
        .isSortedAccordingTo(Comparator.reverseOrder());
    // Without a budget to spend, the same search is one complete page.
    Page<RequestRecord> whole = store.search(query(null, null, null, "needle"));
    assertThat(whole.items()).extracting(RequestRecord::id).containsExactly("req_mid", "req_old");
    assertThat(whole.nextCursor()).isNull();
  }

  @Test
  void find_returns_every_field_and_the_attempts_in_order() throws SQLException {
    RequestRecord r = Records.sample("req_1");
    insert(r);
    assertThat(store.find("req_1")).contains(r);
    assertThat(store.find("req_1").orElseThrow().attempts()).extracting(AttemptRecord::attemptNo).containsExactly(1, 2);
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void a_time_ordered_id_is_found_at_its_millisecond_or_a_few_seconds_off() throws SQLException {
    String exact = RequestIds.next(Records.T0.toEpochMilli());
    String off = RequestIds.next(Records.T0.toEpochMilli());
    insert(Records.sample(exact, Records.T0, "m", 200, "success"),
        Records.sample(off, Records.T0.plusMillis(3), "m", 200, "success")); // id read from the clock first
    assertThat(store.find(exact).map(RequestRecord::startedAt)).contains(Records.T0);
    assertThat(store.find(off).map(RequestRecord::startedAt)).contains(Records.T0.plusMillis(3));
    assertThat(store.find(RequestIds.next(Records.T0.toEpochMilli()))).isEmpty();
  }

  @Test
  void a_nul_character_in_an_upstream_message_does_not_fail_the_insert() throws SQLException {
    RequestRecord r = Records.sample("nul");
    RequestRecord withNul = new RequestRecord(r.id(), r.startedAt(), r.finishedAt(), r.gatewayKeyId(), r.userId(),
        r.orgId(), r.endpoint(), r.clientFormat(), r.modelRequested(), r.modelServed(), r.routeId(), r.providerId(),
        r.providerKeyId(), 502, "error", "transient", "bad\u0000gateway", r.stream(), 0, 0, 0, 0, 0, "none", 0, 0,
        r.latencyMillis(), null, r.overheadMicros(), r.clientIp(), r.userAgent(), List.of(new AttemptRecord(1,
            "openai", "pk_1", "m", 502, "transient", "up\u0000stream", 10, 0, r.startedAt())));
    insert(withNul);
    // PostgreSQL text cannot hold U+0000, so it is stored as U+FFFD there; SQLite keeps it.
    String nul = t.postgres() ? "\uFFFD" : "\u0000";
    RequestRecord found = store.find("nul").orElseThrow();
    assertThat(found.errorMessage()).isEqualTo("bad" + nul + "gateway");
    assertThat(found.attempts()).extracting(AttemptRecord::message).containsExactly("up" + nul + "stream");
    assertThat(t.count("SELECT COUNT(*) FROM request_attempts WHERE request_id = 'nul'")).isEqualTo(1);
  }

  @Test
  void search_results_come_newest_first_without_attempts() throws SQLException {
    insert(Records.sample("a", Records.T0, "m", 200, "success"), Records.sample("b", Records.T0.plusSeconds(1), "m", 200, "success"));
    Page<RequestRecord> page = store.search(RequestQuery.latest(10));
    assertThat(page.items()).extracting(RequestRecord::id).containsExactly("b", "a");
    assertThat(page.items()).allSatisfy(r -> assertThat(r.attempts()).isEmpty());
    assertThat(page.items().get(0)).isEqualTo(Records.sample("b", Records.T0.plusSeconds(1), "m", 200, "success").withAttempts(List.of()));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void filters_combine() throws SQLException {
    insert(Records.sample("ok_4o", Records.T0, "gpt-4o", 200, "success"),
        Records.sample("limited_4o", Records.T0.plusSeconds(1), "gpt-4o", 429, "error"),
        Records.sample("ok_claude", Records.T0.plusSeconds(2), "claude-sonnet-4", 200, "success"),
        Records.sample("aborted", Records.T0.plusSeconds(3), "claude-sonnet-4", 200, "client_abort"));
    assertThat(ids(query("gpt-4o", null, null, null))).containsExactly("limited_4o", "ok_4o");
    assertThat(ids(query(null, 429, null, null))).containsExactly("limited_4o");
    assertThat(ids(query(null, 200, "success", null))).containsExactly("ok_claude", "ok_4o");
    assertThat(ids(query("claude-sonnet-4", null, "client_abort", null))).containsExactly("aborted");
    assertThat(ids(new RequestQuery(null, null, null, null, null, "pk_ok_claude", null, null, null, null, 10, null))).containsExactly("ok_claude");
    assertThat(ids(new RequestQuery(null, null, null, null, null, null, "gk_aborted", null, null, null, 10, null))).containsExactly("aborted");
    assertThat(ids(new RequestQuery(Records.T0.plusSeconds(1), Records.T0.plusSeconds(3), null, null, null, null, null, null, null, null, 10, null)))
        .containsExactly("ok_claude", "limited_4o");
  }

  @Test
  void failure_filters_read_the_index_of_failures_on_sqlite() throws Exception {
    insert(Records.sample("ok", Records.T0, "m", 200, "success"),
        Records.sample("limited", Records.T0.plusSeconds(1), "m", 429, "error"),
        Records.sample("aborted", Records.T0.plusSeconds(2), "m", 499, "client_abort"));
    assertThat(ids(query(null, 429, null, null))).containsExactly("limited");
    assertThat(ids(query(null, 499, "client_abort", null))).containsExactly("aborted");
    assertThat(ids(query(null, null, "error", null))).containsExactly("limited");
    assertThat(ids(query(null, 200, null, null))).containsExactly("ok");
    if (!t.postgres()) {
      var where = new SearchFilter(query(null, 429, null, null), false);
      try (var c = t.dataSource().getConnection();
          var ps = c.prepareStatement("EXPLAIN QUERY PLAN SELECT id FROM request_records" + where.sql()
              + " ORDER BY started_at DESC, id DESC LIMIT 10")) {
        where.bind(ps, 1);
        try (var rs = ps.executeQuery()) {
          StringBuilder plan = new StringBuilder();
          while (rs.next()) {
            plan.append(rs.getString("detail")).append('\n');
          }
          assertThat(plan.toString()).contains("request_records_failed");
        }
      }
    }
  }

  @Test
  void a_model_or_key_filter_finds_rare_rows_across_hours_and_pages_through_them() throws SQLException {
    List<RequestRecord> all = new ArrayList<>();
    List<String> rare = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Instant at = Records.T0.plusSeconds(i * 60L); // ten hours, a request a minute
      boolean isRare = i % 97 == 5;
      all.add(Records.sample("r" + i, at, isRare ? "rare-model" : "common-model", 200, "success"));
      if (isRare) {
        rare.add(0, "r" + i);
      }
    }
    inserter.insert(all);
    assertThat(rare).hasSize(7);

    assertThat(pagedIds(query("rare-model", null, null, null), 3)).containsExactlyElementsOf(rare);
    assertThat(ids(new RequestQuery(null, null, null, null, null, "pk_r600", null, null, null, null, 10, null))).isEmpty();
    assertThat(ids(new RequestQuery(Records.T0.plusSeconds(102 * 60), Records.T0.plusSeconds(394 * 60),
        "rare-model", null, null, null, null, null, null, null, 10, null))).containsExactly("r393", "r296", "r199", "r102");
    assertThat(ids(new RequestQuery(null, null, null, null, null, "pk_r490", "gk_r490", null, null, null, 10, null)))
        .containsExactly("r490");

    // Hours whose rollups are gone are searched all the same.
    store.deleteHourlyRollupsOlderThan(Records.T0.plusSeconds(5 * 3600));
    assertThat(pagedIds(query("rare-model", null, null, null), 2)).containsExactlyElementsOf(rare);
  }

  @Test
  void filtersByUserAndOrgPageByPage() throws SQLException {
    List<RequestRecord> all = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      boolean bob = i % 3 == 0;
      all.add(Records.sample("t" + i, Records.T0.plusSeconds(i), "gpt-4o", 200, "success", bob ? "u_bob" : "u_alice",
          bob ? "org_beta" : "org_acme"));
    }
    inserter.insert(all);

    assertThat(pagedIds(byTenant(null, "u_bob", null), 2)).containsExactly("t6", "t3", "t0");
    assertThat(pagedIds(byTenant(null, "u_alice", null), 4)).containsExactly("t8", "t7", "t5", "t4", "t2", "t1");
    assertThat(pagedIds(byTenant(null, null, "org_beta"), 1)).containsExactly("t6", "t3", "t0");
    assertThat(ids(byTenant(null, "u_alice", "org_beta"))).isEmpty();
    assertThat(ids(byTenant(null, "u_nobody", null))).isEmpty();
    // With a key filter, which SQLite reads hour by hour, the user must match as well.
    assertThat(ids(byTenant("gk_t3", "u_bob", null))).containsExactly("t3");
    assertThat(ids(byTenant("gk_t3", "u_alice", null))).isEmpty();
  }

  static RequestQuery byTenant(String gatewayKeyId, String userId, String orgId) {
    return new RequestQuery(null, null, null, null, null, null, gatewayKeyId, userId, orgId, null, 10, null);
  }

  /** Every id of {@code q}, page after page of {@code pageSize}. */
  List<String> pagedIds(RequestQuery q, int pageSize) {
    List<String> seen = new ArrayList<>();
    RequestQuery next = new RequestQuery(q.from(), q.to(), q.model(), q.status(), q.outcome(), q.providerKeyId(),
        q.gatewayKeyId(), q.userId(), q.orgId(), q.text(), pageSize, null);
    while (true) {
      Page<RequestRecord> page = store.search(next);
      page.items().forEach(r -> seen.add(r.id()));
      if (page.nextCursor() == null) {
        return seen;
      }
      next = next.after(page.nextCursor());
    }
  }

  @Test
  void text_search_matches_id_models_and_error_message_ignoring_case() throws SQLException {
    insert(Records.sample("req_alpha", Records.T0, "gpt-4o", 200, "success"),
        Records.sample("req_beta", Records.T0.plusSeconds(1), "claude-sonnet-4", 429, "error"),
        Records.sample("req_100%", Records.T0.plusSeconds(2), "gemini-2.5-pro", 200, "success"));
    assertThat(ids(query(null, null, null, "ALPHA"))).containsExactly("req_alpha");
    assertThat(ids(query(null, null, null, "sonnet"))).containsExactly("req_beta");
    assertThat(ids(query(null, null, null, "4o-2024"))).containsExactly("req_alpha"); // the served model
    assertThat(ids(query(null, null, null, "rate LIMIT reached"))).containsExactly("req_beta");
    assertThat(ids(query(null, null, null, "100%"))).containsExactly("req_100%");
    assertThat(ids(query(null, null, null, "q_1"))).containsExactly("req_100%"); // '_' is not a wildcard
    assertThat(ids(query(null, null, null, "r_q"))).isEmpty();
  }

  @Test
  void a_whole_request_id_as_the_search_text_finds_that_record_by_its_key() throws SQLException {
    String wanted = RequestIds.next(Records.T0.toEpochMilli());
    String other = RequestIds.next(Records.T0.plusSeconds(1).toEpochMilli());
    insert(Records.sample(wanted, Records.T0, "gpt-4o", 200, "success"),
        Records.sample(other, Records.T0.plusSeconds(1), "gpt-4o", 200, "success"));
    assertThat(ids(query(null, null, null, wanted))).containsExactly(wanted);
    assertThat(ids(query(null, null, null, " " + wanted + " "))).containsExactly(wanted);
    assertThat(ids(query(null, null, null, RequestIds.next(Records.T0.toEpochMilli())))).isEmpty();
    // Part of an id is still a substring search.
    assertThat(ids(query(null, null, null, wanted.substring(0, 12)))).containsExactlyInAnyOrder(wanted, other);
  }

  @Test
  void keyset_paging_walks_every_record_once_in_order() throws SQLException {
    List<RequestRecord> all = new ArrayList<>();
    for (int i = 0; i < 137; i++) {
      // Groups of seven share a start time, so the id must break ties.
      all.add(Records.sample(String.format("p%03d", (i * 37) % 137), Records.T0.plusMillis(i / 7), "m", 200, "success"));
    }
    inserter.insert(all);
    List<String> expected = all.stream()
        .sorted(Comparator.comparing(RequestRecord::startedAt).thenComparing(RequestRecord::id).reversed())
        .map(RequestRecord::id).toList();

    List<String> seen = new ArrayList<>();
    RequestQuery q = RequestQuery.latest(10);
    int pages = 0;
    while (true) {
      Page<RequestRecord> page = store.search(q);
      pages++;
      page.items().forEach(r -> seen.add(r.id()));
      if (page.nextCursor() == null) {
        break;
      }
      q = q.after(page.nextCursor());
    }
    assertThat(pages).isEqualTo(14);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(new HashSet<>(seen)).hasSize(137);
  }

  @Test
  void a_page_exactly_filled_has_no_next_cursor_and_a_bad_cursor_is_refused() throws SQLException {
    insert(Records.sample("a"), Records.sample("b", Records.T0.plusSeconds(1), "m", 200, "success"));
    assertThat(store.search(RequestQuery.latest(2)).nextCursor()).isNull();
    assertThat(RequestQuery.latest(0).limit()).isEqualTo(RequestQuery.DEFAULT_LIMIT);
    assertThat(RequestQuery.latest(10_000).limit()).isEqualTo(RequestQuery.MAX_LIMIT);
    assertThatThrownBy(() -> store.search(RequestQuery.latest(1).after("not-a-cursor")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retention_deletes_old_records_with_their_attempts_in_chunks() throws SQLException {
    Instant cutoff = Records.T0.plusSeconds(10_000);
    List<RequestRecord> old = new ArrayList<>();
    for (int i = 0; i < RequestLogStore.DELETE_CHUNK * 2 + 3; i++) {
      old.add(Records.sample("old_" + i, Records.T0.plusSeconds(i), "m", 200, "success"));
    }
    inserter.insert(old);
    insert(Records.sample("new_1", cutoff, "m", 200, "success"), Records.sample("new_2", cutoff.plusSeconds(1), "m", 200, "success"));

    assertThat(store.deleteOlderThan(cutoff)).isEqualTo(RequestLogStore.DELETE_CHUNK * 2 + 3);
    assertThat(ids(RequestQuery.latest(100))).containsExactly("new_2", "new_1");
    assertThat(t.count("SELECT COUNT(*) FROM request_attempts")).isEqualTo(4);
    assertThat(store.find("new_1").orElseThrow().attempts()).hasSize(2);
    assertThat(store.deleteOlderThan(cutoff)).isZero();
  }

  @Test
  void hourly_rollup_retention_keeps_daily_rollups_and_recent_hours() throws SQLException {
    Instant day2 = Records.T0.plusSeconds(86_400);
    insert(Records.sample("old", Records.T0, "m", 500, "error"), Records.sample("new", day2, "m", 200, "success"));
    long hourly = t.count("SELECT COUNT(*) FROM usage_hourly");
    long daily = t.count("SELECT COUNT(*) FROM usage_daily");
    long dailyByModel = t.count("SELECT COUNT(*) FROM usage_daily_by_model");

    // The old hour's usage row, its usage-by-model row, its error row and its two attempt rows (one per
    // key tried).
    assertThat(store.deleteHourlyRollupsOlderThan(day2)).isEqualTo(5);
    assertThat(t.count("SELECT COUNT(*) FROM attempts_hourly")).isEqualTo(2);
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly")).isEqualTo(hourly - 1);
    assertThat(t.count("SELECT COUNT(*) FROM usage_hourly_by_model")).isEqualTo(1);
    assertThat(t.count("SELECT COUNT(*) FROM usage_daily_by_model")).isEqualTo(dailyByModel);
    assertThat(t.count("SELECT COUNT(*) FROM errors_hourly")).isZero();
    assertThat(t.count("SELECT COUNT(*) FROM usage_daily")).isEqualTo(daily);
    assertThat(store.deleteHourlyRollupsOlderThan(day2)).isZero();
  }
}
