package dev.keypool.bench;

import dev.keypool.config.StorageConfig;
import dev.keypool.storage.Database;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.tracking.RequestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How fast the record writer stores records, rollups included: submits {@code --records} varied
 * records (spread over 30 days, 50 provider and 50 gateway keys, 20 models) to a fresh database at
 * {@code --url} and prints the records per second from the first submit to the end of {@code close()}.
 */
public final class RecordWriteBench {

  private RecordWriteBench() {}

  public static void main(String[] args) throws Exception {
    var a = new BenchArgs(args);
    int n = a.integer("records", 100_000);
    int keys = a.integer("keys", 50);
    String ids = a.string("ids", "time"); // time: as the gateway makes them; random: the former scheme
    int batch = a.integer("batch", RecordWriter.Settings.defaults().batchSize());
    int attempts = a.integer("attempts", 1); // upstream tries per record
    // The records' start times spread over this many seconds: 30 days by default, so that nearly every
    // batch meets new rollup hours; n / 50,000 is how a gateway at 50k req/s would make them.
    long spanMillis = a.integer("span-seconds", 30 * 86_400) * 1000L;
    Path dir = Files.createTempDirectory("keypool-write-bench");
    String url = a.string("url", "jdbc:sqlite:" + dir.resolve("bench.db"));
    var db = Database.open(new StorageConfig(url, a.string("user", null), a.string("password", null), null, 4));
    String extraSql = a.string("sql", "");
    if (!extraSql.isEmpty()) { // schema variants to measure, e.g. --sql "DROP INDEX request_records_status"
      try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
        for (String stmt : extraSql.split(";")) {
          st.execute(stmt);
        }
      }
    }
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    var rnd = new java.util.SplittableRandom(1);
    // Generated before the clock starts, so the figure is the writer's alone.
    List<RequestRecord> records = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int g = (i * 31) % keys;
      int m = (g * 7 + i % 3) % 20;
      Instant t = t0.plusMillis(i * spanMillis / n);
      String outcome = i % 100 < 95 ? "success" : i % 100 < 99 ? "error" : "client_abort";
      String id = ids.equals("random") ? "req_" + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE)
          : dev.keypool.tracking.RequestIds.next(t.toEpochMilli());
      records.add(new RequestRecord(id, t, t.plusMillis(800), "gk_" + g, null, null, "/v1/chat/completions",
          "openai", "model_" + m, "model_" + m, "route", "provider_" + m % 5, "pk_" + m % 5 + "_" + i % 10, 200,
          outcome, outcome.equals("error") ? "transient" : null, null, true, 1_000, 200, 0, 0, 0, "provider",
          4_500_000, 6_750_000, 100 + i % 5_000, 90L, 500, "127.0.0.1", "bench", attemptRows(attempts, m, t)));
    }
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuStarted = os.getProcessCpuTime();
    long started = System.nanoTime();
    try (var writer = new RecordWriter(db.dataSource(), db.isPostgres(), dir.resolve("journal"), Clock.systemUTC(),
        new RecordWriter.Settings(batch, Duration.ofMillis(200), n + 1, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(10)))) { // the whole run fits the queue, so nothing spills to the journal
      records.forEach(writer::submit);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    // CPU is what a busy gateway gives up for recording; wall time also counts waits for the disk.
    double cpuSeconds = (os.getProcessCpuTime() - cpuStarted) / 1e9;
    System.out.printf("RESULT records=%d seconds=%.1f records_per_second=%.0f us_per_record=%.1f "
        + "cpu_us_per_record=%.1f%n", n, seconds, n / seconds, seconds * 1e6 / n, cpuSeconds * 1e6 / n);
    db.close();
  }

  private static List<dev.keypool.tracking.AttemptRecord> attemptRows(int n, int model, Instant t) {
    List<dev.keypool.tracking.AttemptRecord> out = new java.util.ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add(new dev.keypool.tracking.AttemptRecord(i, "provider_" + model % 5, "pk_" + model % 5, "model_" + model,
          i == n ? 200 : 429, i == n ? null : "rate_limited", null, 700, 1_200, t.plusMillis(i)));
    }
    return out;
  }
}
