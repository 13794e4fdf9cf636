package dev.keypool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Times the admin API calls each web console page makes for its first render, against a running
 * gateway whose request log {@code bench/console.sh} filled: the calls of a page are issued together,
 * at most {@code --parallel} (6, as a browser per host) at once, and the page's time is the wall time
 * until the last one answered. Prints one markdown table row per page: the first (cold) run, then the
 * median and slowest of {@code --runs} runs, the call that took longest, and PASS when even the slowest
 * run took under {@code --budget-ms} (1,000).
 */
public final class ConsoleBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DAY = Duration.ofDays(1);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final ExecutorService browser;
  private String cookie;

  private ConsoleBench(String base, int parallel) {
    this.base = base;
    this.browser = Executors.newFixedThreadPool(parallel);
  }

  /** A console page: its name and the calls it makes, given the time the page is opened at. */
  private record Page(String name, Function<Instant, List<String>> calls) {}

  public static void main(String[] args) throws Exception {
    var a = new BenchArgs(args);
    var bench = new ConsoleBench(a.string("url", "http://127.0.0.1:19199"), a.integer("parallel", 6));
    bench.login(a.string("user", "admin"), a.string("password", ""));
    List<Page> pages = bench.pages(a.string("old-id", ""), a.string("q", "quota"));
    int runs = a.integer("runs", 5);
    int budget = a.integer("budget-ms", 1_000);
    System.out.println("| page | calls | first (cold) ms | median ms | max ms | slowest call (its median ms) | < " + budget + " ms |");
    System.out.println("|---|---:|---:|---:|---:|---|---|");
    for (Page page : pages) {
      bench.time(page, runs, budget);
    }
    bench.browser.shutdownNow();
  }

  private void login(String user, String password) throws Exception {
    var body = JSON.writeValueAsString(Map.of("username", user, "password", password));
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("login answered " + res.statusCode());
    }
    cookie = "keypool_session=" + JSON.readTree(res.body()).get("token").asText();
  }

  /**
   * The pages, with filter values taken from the newest record (so each filter has matches), the text
   * search once for a word of error messages and once for the id of {@code oldId}, a record far back.
   */
  private List<Page> pages(String oldId, String word) throws Exception {
    JsonNode first = get("/api/requests?limit=50");
    JsonNode newest = first.get("items").get(0);
    String cursor = first.get("next_cursor").asText();
    JsonNode old = get("/api/requests/" + oldId);
    // A cursor as the listing gives them out (dev.keypool.tracking.RequestCursor): the page after the old record.
    String oldCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("1:" + Instant.parse(old.get("started_at").asText()).toEpochMilli() + ":" + oldId).getBytes(StandardCharsets.UTF_8));
    String gatewayKey = newest.get("gateway_key_id").asText();
    String providerKey = newest.get("provider_key_id").asText();
    String log = "/api/requests?limit=50";
    List<Page> pages = new ArrayList<>();
    pages.add(new Page("overview 24 h", now -> overview(now, DAY, "hour")));
    pages.add(new Page("overview 7 d", now -> overview(now, DAY.multipliedBy(7), "hour")));
    pages.add(new Page("overview 30 d", now -> overview(now, DAY.multipliedBy(30), "day")));
    pages.add(new Page("request log", now -> List.of(log)));
    pages.add(new Page("request log, page 2 (cursor)", now -> List.of(log + "&cursor=" + cursor)));
    pages.add(new Page("request log, page after a record of " + age(old), now -> List.of(log + "&cursor=" + oldCursor)));
    for (String filter : List.of("model", "gateway_key", "provider_key", "user")) {
      String value = newest.get(filter.equals("model") ? "model_requested" : filter + "_id").asText();
      pages.add(new Page("request log, " + filter + "=", now -> List.of(log + "&" + filter + "=" + enc(value))));
    }
    pages.add(new Page("request log, status=429", now -> List.of(log + "&status=429")));
    pages.add(new Page("request log, q=" + word, now -> List.of(log + "&q=" + enc(word))));
    pages.add(new Page("request log, q=<text no record has>", now -> List.of(log + "&q=no-such-text")));
    pages.add(new Page("request log, q=<text no record has>, last 24 h",
        now -> List.of(log + "&q=no-such-text&" + range(now, DAY))));
    pages.add(new Page("request log, q=<id of a record of " + age(old) + ">", now -> List.of(log + "&q=" + enc(oldId))));
    pages.add(new Page("request detail", now -> List.of("/api/requests/" + newest.get("id").asText())));
    pages.add(new Page("request detail, a record of " + age(old), now -> List.of("/api/requests/" + oldId)));
    pages.add(new Page("gateway key (timeline, 30 d by day)", now -> List.of("/api/gateway-keys/" + gatewayKey,
        "/api/gateway-keys/" + gatewayKey + "/timeline?bucket=day&" + range(now, DAY.multipliedBy(30)))));
    pages.add(new Page("provider key (trends, 7 d)", now -> List.of("/api/provider-keys/" + providerKey,
        "/api/provider-keys/" + providerKey + "/trends?days=7")));
    return pages;
  }

  /** What overview.js asks for a range: the tiles, the timeline, four top-5 rankings, the errors, the pool. */
  private static List<String> overview(Instant now, Duration span, String bucket) {
    String r = range(now, span);
    List<String> calls = new ArrayList<>(List.of("/api/statistics/overview?" + r,
        "/api/statistics/timeline?" + r + "&bucket=" + bucket));
    for (String ranking : List.of("models", "providers", "provider-keys", "gateway-keys")) {
      calls.add("/api/statistics/" + ranking + "?" + r + "&limit=5");
    }
    calls.add("/api/statistics/errors?" + r);
    calls.add("/api/provider-keys");
    return calls;
  }

  /** from/to as the console's RangePicker sends them: to is now rounded up to the second. */
  private static String range(Instant now, Duration span) {
    Instant to = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(now.getNano() > 0 ? 1 : 0);
    return "from=" + enc(to.minus(span).toString()) + "&to=" + enc(to.toString());
  }

  private static String age(JsonNode record) {
    return Duration.between(Instant.parse(record.get("started_at").asText()), Instant.now()).toDays() + " days ago";
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  /**
   * Prints the page's row. A page whose first opening took over ten times the budget is not opened
   * again (its figures are that one run), so a slow call bounds the bench's time; a call that failed
   * is reported as such and the next page goes on.
   */
  private void time(Page page, int runs, int budget) throws Exception {
    Map<String, List<Double>> perCall = new LinkedHashMap<>();
    double cold;
    double[] ms;
    try {
      cold = run(page, perCall);
      ms = new double[] {cold};
      if (cold <= 10.0 * budget) {
        perCall.clear();
        ms = new double[runs];
        for (int i = 0; i < runs; i++) {
          ms[i] = run(page, perCall);
        }
      }
    } catch (ExecutionException e) {
      System.out.printf("| %s | | | | | failed: %s | **FAIL** |%n", page.name, e.getCause().getMessage());
      return;
    }
    String slowest = "";
    double slowestMs = -1;
    for (var e : perCall.entrySet()) {
      double m = median(e.getValue());
      if (m > slowestMs) {
        slowestMs = m;
        slowest = e.getKey();
      }
    }
    Arrays.sort(ms);
    double max = ms[ms.length - 1];
    System.out.printf("| %s | %d | %.0f | %.0f | %.0f | `%s` (%.0f) | %s |%n", page.name, perCall.size(), cold,
        ms[ms.length / 2], max, shortPath(slowest), slowestMs, max < budget ? "PASS" : "**FAIL**");
  }

  /** One opening of the page: all its calls, at most the pool's size at once; the wall time in ms. */
  private double run(Page page, Map<String, List<Double>> perCall) throws Exception {
    List<String> calls = page.calls.apply(Instant.now());
    long t0 = System.nanoTime();
    List<Future<Double>> answers = new ArrayList<>();
    for (String call : calls) {
      answers.add(browser.submit(() -> {
        long c0 = System.nanoTime();
        get(call);
        return (System.nanoTime() - c0) / 1e6;
      }));
    }
    for (Future<Double> answer : answers) {
      answer.get();
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    for (int i = 0; i < calls.size(); i++) {
      perCall.computeIfAbsent(shape(calls.get(i)), k -> new ArrayList<>()).add(answers.get(i).get());
    }
    return wall;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("cookie", cookie)
        .header("accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }

  /** A call's path without the time range, which changes from run to run. */
  private static String shape(String path) {
    return path.replaceAll("from=[^&]*&to=[^&]*&?", "").replaceAll("[?&]$", "");
  }

  /** The path as the table shows it: a cursor (long and opaque) elided, the page's name tells which. */
  private static String shortPath(String path) {
    return path.replaceAll("cursor=[^&]*", "cursor=...");
  }

  private static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
