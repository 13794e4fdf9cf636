package dev.keypool.bench;

import dev.keypool.statistics.Bucket;
import dev.keypool.statistics.Ranking;
import dev.keypool.statistics.StatisticsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Times every {@link StatisticsService} query against rollups that {@code bench/stats.sh} generated
 * in a private PostgreSQL schema, and prints one markdown table row per query: median and slowest of
 * {@code --runs} runs after one warm-up, and the size of the answer.
 */
public final class StatsBench {

  private StatsBench() {}

  public static void main(String[] args) {
    var a = new BenchArgs(args);
    var ds = new PGSimpleDataSource();
    ds.setUrl(a.string("url", "jdbc:postgresql://127.0.0.1:5432/test"));
    ds.setUser(a.string("user", "postgres"));
    String password = a.string("password", "");
    if (!password.isEmpty()) {
      ds.setPassword(password);
    }
    ds.setCurrentSchema(a.string("schema", "public"));
    Instant now = Instant.parse(a.string("now", "2026-01-01T00:00:00Z"));
    int runs = a.integer("runs", 5);
    var stats = new StatisticsService(ds, true, Clock.fixed(now, ZoneOffset.UTC));
    Instant day = now.minus(Duration.ofDays(1));
    Instant week = now.minus(Duration.ofDays(7));
    Instant month = now.minus(Duration.ofDays(30));
    String key = a.string("key", "pk_0_0");

    System.out.println("| query | range | median ms | max ms | answer |");
    System.out.println("|---|---|---:|---:|---|");
    time("overview", "24 h", runs, () -> stats.overview(day, now));
    time("overview", "30 d", runs, () -> stats.overview(month, now));
    time("provider-keys by requests", "24 h", runs, () -> stats.byProviderKey(day, now, Ranking.REQUESTS, 50));
    time("provider-keys by requests", "30 d", runs, () -> stats.byProviderKey(month, now, Ranking.REQUESTS, 50));
    time("gateway-keys by cost", "30 d", runs, () -> stats.byGatewayKey(month, now, Ranking.COST, 50));
    time("models by requests", "30 d", runs, () -> stats.byModel(month, now, Ranking.REQUESTS, 50));
    time("providers by cost", "30 d", runs, () -> stats.byProvider(month, now, Ranking.COST, 50));
    time("timeline hour", "24 h", runs, () -> stats.timeline(day, now, Bucket.HOUR));
    time("timeline hour", "7 d", runs, () -> stats.timeline(week, now, Bucket.HOUR));
    time("timeline day", "30 d", runs, () -> stats.timeline(month, now, Bucket.DAY));
    time("timeline week", "30 d", runs, () -> stats.timeline(month, now, Bucket.WEEK));
    time("timeline month", "30 d", runs, () -> stats.timeline(month, now, Bucket.MONTH));
    time("errors", "30 d", runs, () -> stats.errors(month, now));
    time("provider key stats " + key, "30 d", runs, () -> stats.providerKeyStats(key, month, now));
    time("provider key trend " + key, "7 d", runs, () -> stats.providerKeyTrend(key, 7));
    time("provider key trend " + key, "30 d", runs, () -> stats.providerKeyTrend(key, 30));
  }

  private static void time(String name, String range, int runs, Supplier<Object> query) {
    Object answer = query.get(); // warm-up: plan cache, page cache
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      answer = query.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    String size = answer instanceof Collection<?> c ? c.size() + " rows" : "1 row";
    if (answer instanceof dev.keypool.statistics.UsageStats u) {
      size = u.requests() + " requests";
    }
    System.out.printf("| %s | %s | %.1f | %.1f | %s |%n", name, range, ms[runs / 2], ms[runs - 1], size);
  }
}
