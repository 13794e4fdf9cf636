package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After a mixed load (plain and streamed, both formats, failovers, refused requests, concurrent), the
 * request records and the Prometheus counters agree with each other and with what the upstream
 * reported, to the token, and every request is recorded exactly once.
 */
class AccountingConsistencyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Known usage per kind of answer: input, output. */
  static final long[] OPENAI_PLAIN = {10, 5};
  static final long[] OPENAI_STREAM = {20, 7};
  static final long[] ANTHROPIC_PLAIN = {30, 11};
  static final long[] ANTHROPIC_STREAM = {40, 13};

  @Test
  void records_and_metrics_agree_with_the_upstream_to_the_token() throws Exception {
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD + """
        prices:
          gpt-upstream: { input: 2.50, output: 10.00 }
          claude-upstream: { input: 3.00, output: 15.00 }
        """)) {
      Reply byPath = Reply.dynamic(WireFormat.OPENAI, r -> switch (r.path()) {
        case "/v1/chat/completions" -> r.streaming()
            ? Replies.openAiStreamWithUsage((int) OPENAI_STREAM[0], (int) OPENAI_STREAM[1], "a", "b")
            : Replies.openAiChat("ok", (int) OPENAI_PLAIN[0], (int) OPENAI_PLAIN[1]);
        case "/v1/messages" -> r.streaming()
            ? Replies.anthropicStreamWithUsage((int) ANTHROPIC_STREAM[0], (int) ANTHROPIC_STREAM[1], "a", "b")
            : Replies.anthropicMessage("ok", (int) ANTHROPIC_PLAIN[0], (int) ANTHROPIC_PLAIN[1]);
        default -> Replies.echo();
      });
      h.upstream.defaultReply(byPath);
      // Key a of each provider fails now and then: those requests fail over to key b.
      h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(1)), byPath);
      h.upstream.script("ant-a", Replies.anthropicOverloaded(), byPath);

      int rounds = 15;
      long expectedInput = 0;
      long expectedOutput = 0;
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int i = 0; i < rounds; i++) {
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"))));
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"))));
          calls.add(pool.submit(() -> h.post("/v1/messages", GatewayHarness.message("claude-test"))));
          calls.add(pool.submit(() -> h.post("/v1/messages", GatewayHarness.messageStream("claude-test"))));
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chat("no-such-model"))));
          expectedInput += OPENAI_PLAIN[0] + OPENAI_STREAM[0] + ANTHROPIC_PLAIN[0] + ANTHROPIC_STREAM[0];
          expectedOutput += OPENAI_PLAIN[1] + OPENAI_STREAM[1] + ANTHROPIC_PLAIN[1] + ANTHROPIC_STREAM[1];
        }
        int ok = 0;
        for (Future<HttpResponse<String>> f : calls) {
          ok += f.get().statusCode() == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(rounds * 4);
      } finally {
        pool.shutdownNow();
      }
      int total = calls.size();

      Poll.until("every record written", Duration.ofSeconds(10),
          () -> h.gateway.recordWriter().written() >= total && h.gateway.recordWriter().pending() == 0);
      List<JsonNode> records = allRecords(h);
      assertThat(records).hasSize(total);
      assertThat(records.stream().map(r -> r.path("id").asText()).distinct()).hasSize(total);
      assertThat(records.stream().mapToLong(r -> r.path("input_tokens").asLong()).sum()).isEqualTo(expectedInput);
      assertThat(records.stream().mapToLong(r -> r.path("output_tokens").asLong()).sum()).isEqualTo(expectedOutput);
      assertThat(records.stream().filter(r -> r.path("outcome").asText().equals("success")))
          .hasSize(rounds * 4)
          .allSatisfy(r -> assertThat(r.path("usage_source").asText()).isEqualTo("provider"));

      String metrics = h.http.send(HttpRequest.newBuilder(h.admin("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(sum(metrics, "keypool_tokens_total", "kind=\"input\"")).isEqualTo(expectedInput);
      assertThat(sum(metrics, "keypool_tokens_total", "kind=\"output\"")).isEqualTo(expectedOutput);
      assertThat(sum(metrics, "keypool_requests_total", "")).isEqualTo(total);
      long attempts = records.stream().mapToLong(r -> recordAttempts(h, r.path("id").asText())).sum();
      assertThat(sum(metrics, "keypool_upstream_attempts_total", "")).isEqualTo(attempts);

      long cost = records.stream().mapToLong(r -> r.path("cost_nanos").asLong()).sum();
      assertThat(cost).isEqualTo(rounds * ((OPENAI_PLAIN[0] + OPENAI_STREAM[0]) * 2_500
          + (OPENAI_PLAIN[1] + OPENAI_STREAM[1]) * 10_000 + (ANTHROPIC_PLAIN[0] + ANTHROPIC_STREAM[0]) * 3_000
          + (ANTHROPIC_PLAIN[1] + ANTHROPIC_STREAM[1]) * 15_000));
      assertThat(sumDouble(metrics, "keypool_cost_usd_total", "")).isCloseTo(cost / 1e9, within(1e-9));

      // The statistics come from the rollups the writer keeps in the same transaction as the records.
      String range = "?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z";
      JsonNode overview = JSON.readTree(h.adminCall("GET", "/api/statistics/overview" + range, null).body());
      assertThat(overview.path("requests").asLong()).isEqualTo(total);
      assertThat(overview.path("successes").asLong()).isEqualTo(rounds * 4);
      assertThat(overview.path("errors").asLong()).isEqualTo(rounds);
      assertThat(overview.path("input_tokens").asLong()).isEqualTo(expectedInput);
      assertThat(overview.path("output_tokens").asLong()).isEqualTo(expectedOutput);
      assertThat(overview.path("cost_nanos").asLong()).isEqualTo(cost);
      long byModel = 0;
      for (JsonNode m : JSON.readTree(h.adminCall("GET", "/api/statistics/models" + range, null).body())) {
        byModel += m.path("stats").path("output_tokens").asLong();
      }
      assertThat(byModel).as("per-model figures add up to the total").isEqualTo(expectedOutput);
    }
  }

  static List<JsonNode> allRecords(GatewayHarness h) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = JSON.readTree(h.adminCall("GET", "/api/requests?limit=500"
          + (cursor == null ? "" : "&cursor=" + cursor), null).body());
      page.path("items").forEach(out::add);
      cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
    } while (cursor != null);
    return out;
  }

  static long recordAttempts(GatewayHarness h, String id) {
    try {
      return JSON.readTree(h.adminCall("GET", "/api/requests/" + id, null).body()).path("attempts").size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The sum of a Prometheus counter over the series whose labels contain {@code labelFilter}. */
  static long sum(String metrics, String name, String labelFilter) {
    return Math.round(sumDouble(metrics, name, labelFilter));
  }

  static double sumDouble(String metrics, String name, String labelFilter) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+]+)$").matcher(metrics);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(labelFilter)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }
}
