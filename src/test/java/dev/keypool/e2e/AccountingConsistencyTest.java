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
 * After a mixed load (plain and streamed, all three formats, failovers, refused requests, clients that
 * hang up mid-stream, concurrent), the request records, the statistics and the Prometheus counters
 * agree with each other and with what the upstream reported, to the token, and every request is
 * recorded exactly once. Aborted streams have no upstream figures: their estimates are marked, and
 * still counted alike everywhere.
 */
class AccountingConsistencyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Known usage per kind of answer: input, output. */
  static final long[] OPENAI_PLAIN = {10, 5};
  static final long[] OPENAI_STREAM = {20, 7};
  static final long[] ANTHROPIC_PLAIN = {30, 11};
  static final long[] ANTHROPIC_STREAM = {40, 13};
  static final long[] GEMINI_PLAIN = {50, 17};
  static final long[] GEMINI_STREAM = {60, 19};
  static final String GEMINI_BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
  /** The marker of a request whose client hangs up mid-stream: its answer is long and slow. */
  static final String HANG_UP = "hang up";

  @Test
  void records_and_metrics_agree_with_the_upstream_to_the_token() throws Exception {
    // Gemini's prices come with WITH_GEMINI.
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.WITH_GEMINI.replace("prices:\n", """
        prices:
          gpt-upstream: { input: 2.50, output: 10.00 }
          claude-upstream: { input: 3.00, output: 15.00 }
        """))) {
      Reply byPath = Reply.dynamic(WireFormat.OPENAI, r -> {
        if (r.bodyText().contains(HANG_UP)) {
          return (r.path().equals("/v1/messages")
              ? Replies.anthropicStreamWithUsage(25, 300, AbortPhasesAccountingTest.words(100))
              : Replies.openAiStreamWithUsage(25, 300, AbortPhasesAccountingTest.words(100)))
              .eventDelay(Duration.ofMillis(20));
        }
        if (r.gemini()) {
          long[] counts = r.streaming() ? GEMINI_STREAM : GEMINI_PLAIN;
          return Replies.geminiTextWithUsage((int) counts[0], (int) counts[1], 0, 0, null, "a", "b");
        }
        return switch (r.path()) {
          case "/v1/chat/completions" -> r.streaming()
              ? Replies.openAiStreamWithUsage((int) OPENAI_STREAM[0], (int) OPENAI_STREAM[1], "a", "b")
              : Replies.openAiChat("ok", (int) OPENAI_PLAIN[0], (int) OPENAI_PLAIN[1]);
          case "/v1/messages" -> r.streaming()
              ? Replies.anthropicStreamWithUsage((int) ANTHROPIC_STREAM[0], (int) ANTHROPIC_STREAM[1], "a", "b")
              : Replies.anthropicMessage("ok", (int) ANTHROPIC_PLAIN[0], (int) ANTHROPIC_PLAIN[1]);
          default -> Replies.echo();
        };
      });
      h.upstream.defaultReply(byPath);
      // Key a of each provider fails now and then: those requests fail over to key b.
      h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(1)), byPath);
      h.upstream.script("ant-a", Replies.anthropicOverloaded(), byPath);
      h.upstream.script("gk-a", Replies.rateLimited(WireFormat.GEMINI, Duration.ofSeconds(1)), byPath);

      int rounds = 15;
      long expectedInput = 0;
      long expectedOutput = 0;
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      List<Future<String>> hangUps = new ArrayList<>();
      String geminiKey = "?key=" + GatewayHarness.CLIENT_KEY;
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int i = 0; i < rounds; i++) {
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"))));
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test"))));
          calls.add(pool.submit(() -> h.post("/v1/messages", GatewayHarness.message("claude-test"))));
          calls.add(pool.submit(() -> h.post("/v1/messages", GatewayHarness.messageStream("claude-test"))));
          calls.add(pool.submit(() -> h.postRaw("/v1beta/models/gemini-test:generateContent" + geminiKey,
              GEMINI_BODY, "content-type", "application/json")));
          calls.add(pool.submit(() -> h.postRaw("/v1beta/models/gemini-test:streamGenerateContent" + geminiKey
              + "&alt=sse", GEMINI_BODY, "content-type", "application/json")));
          calls.add(pool.submit(() -> h.post("/v1/chat/completions", GatewayHarness.chat("no-such-model"))));
          String path = i % 2 == 0 ? "/v1/chat/completions" : "/v1/messages";
          String hangUp = (i % 2 == 0 ? GatewayHarness.chatStream("gpt-test") : GatewayHarness.messageStream("claude-test"))
              .replace("Hi", HANG_UP);
          hangUps.add(pool.submit(() -> AbortPhasesAccountingTest.sendAndAbort(h, path, hangUp, "word", 3)));
          expectedInput += OPENAI_PLAIN[0] + OPENAI_STREAM[0] + ANTHROPIC_PLAIN[0] + ANTHROPIC_STREAM[0]
              + GEMINI_PLAIN[0] + GEMINI_STREAM[0];
          expectedOutput += OPENAI_PLAIN[1] + OPENAI_STREAM[1] + ANTHROPIC_PLAIN[1] + ANTHROPIC_STREAM[1]
              + GEMINI_PLAIN[1] + GEMINI_STREAM[1];
        }
        int ok = 0;
        for (Future<HttpResponse<String>> f : calls) {
          ok += f.get().statusCode() == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(rounds * 6);
        for (Future<String> f : hangUps) {
          assertThat(f.get()).startsWith("req_");
        }
      } finally {
        pool.shutdownNow();
      }
      int total = calls.size() + hangUps.size();

      Poll.until("every record written", Duration.ofSeconds(10),
          () -> h.gateway.recordWriter().written() >= total && h.gateway.recordWriter().pending() == 0);
      List<JsonNode> records = allRecords(h);
      assertThat(records).hasSize(total);
      assertThat(records.stream().map(r -> r.path("id").asText()).distinct()).hasSize(total);
      List<JsonNode> reported = records.stream().filter(r -> r.path("usage_source").asText().equals("provider")).toList();
      assertThat(reported).hasSize(rounds * 6)
          .allSatisfy(r -> assertThat(r.path("outcome").asText()).isEqualTo("success"));
      assertThat(sum(reported, "input_tokens")).as("what the upstream reported").isEqualTo(expectedInput);
      assertThat(sum(reported, "output_tokens")).isEqualTo(expectedOutput);
      List<JsonNode> aborted = records.stream().filter(r -> r.path("outcome").asText().equals("client_abort")).toList();
      assertThat(aborted).hasSize(rounds).allSatisfy(r -> {
        assertThat(r.path("usage_source").asText()).isEqualTo("estimated");
        assertThat(r.path("output_tokens").asLong()).as("a few words, not the 300 of the full answer").isBetween(2L, 60L);
      });
      long recordedInput = sum(records, "input_tokens");
      long recordedOutput = sum(records, "output_tokens");
      assertThat(recordedOutput).isEqualTo(expectedOutput + sum(aborted, "output_tokens"));

      String metrics = h.http.send(HttpRequest.newBuilder(h.admin("/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(sum(metrics, "keypool_tokens_total", "kind=\"input\"")).isEqualTo(recordedInput);
      assertThat(sum(metrics, "keypool_tokens_total", "kind=\"output\"")).isEqualTo(recordedOutput);
      assertThat(sum(metrics, "keypool_requests_total", "")).isEqualTo(total);
      assertThat(sum(metrics, "keypool_requests_total", "outcome=\"client_abort\"")).isEqualTo(rounds);
      List<JsonNode> attempts = new ArrayList<>();
      records.forEach(r -> recordAttempts(h, r.path("id").asText()).forEach(attempts::add));
      long failedAttempts = attempts.stream().filter(a -> a.hasNonNull("failure_class")).count();
      assertThat(failedAttempts).as("key a of each provider failed once").isEqualTo(3);
      assertThat(sum(metrics, "keypool_upstream_attempts_total", "")).isEqualTo(attempts.size());
      assertThat(attempts.size() - sum(metrics, "keypool_upstream_attempts_total", "failure_class=\"none\""))
          .isEqualTo(failedAttempts);

      long cost = sum(records, "cost_nanos");
      assertThat(sum(reported, "cost_nanos")).isEqualTo(rounds * ((OPENAI_PLAIN[0] + OPENAI_STREAM[0]) * 2_500
          + (OPENAI_PLAIN[1] + OPENAI_STREAM[1]) * 10_000 + (ANTHROPIC_PLAIN[0] + ANTHROPIC_STREAM[0]) * 3_000
          + (ANTHROPIC_PLAIN[1] + ANTHROPIC_STREAM[1]) * 15_000 + (GEMINI_PLAIN[0] + GEMINI_STREAM[0]) * 1_000
          + (GEMINI_PLAIN[1] + GEMINI_STREAM[1]) * 4_000));
      assertThat(sumDouble(metrics, "keypool_cost_usd_total", "")).isCloseTo(cost / 1e9, within(1e-9));

      // The statistics come from the rollups the writer keeps in the same transaction as the records.
      String range = "?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z";
      JsonNode overview = JSON.readTree(h.adminCall("GET", "/api/statistics/overview" + range, null).body());
      assertThat(overview.path("requests").asLong()).isEqualTo(total);
      assertThat(overview.path("successes").asLong()).isEqualTo(rounds * 6);
      assertThat(overview.path("errors").asLong()).isEqualTo(rounds);
      assertThat(overview.path("client_aborts").asLong()).isEqualTo(rounds);
      assertThat(overview.path("estimated_count").asLong()).isEqualTo(rounds);
      assertThat(overview.path("input_tokens").asLong()).isEqualTo(recordedInput);
      assertThat(overview.path("output_tokens").asLong()).isEqualTo(recordedOutput);
      assertThat(overview.path("cost_nanos").asLong()).isEqualTo(cost);
      long byModel = 0;
      for (JsonNode m : JSON.readTree(h.adminCall("GET", "/api/statistics/models" + range, null).body())) {
        byModel += m.path("stats").path("output_tokens").asLong();
      }
      assertThat(byModel).as("per-model figures add up to the total").isEqualTo(recordedOutput);
      long keyAttempts = 0;
      long keyFailures = 0;
      JsonNode perKey = JSON.readTree(h.adminCall("GET", "/api/statistics/attempts" + range, null).body());
      for (JsonNode k : perKey) {
        keyAttempts += k.path("attempts").asLong();
        keyFailures += k.path("failed").asLong();
      }
      JsonNode worst = perKey.get(0);
      assertThat(worst.path("failed").asLong()).isEqualTo(1);
      assertThat(JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + worst.path("provider_key_id").asText()
          + "/attempts" + range, null).body())).isEqualTo(worst);
      assertThat(keyAttempts).as("attempts per key add up to the records' attempts").isEqualTo(attempts.size());
      assertThat(keyFailures).isEqualTo(failedAttempts);
    }
  }

  static long sum(List<JsonNode> records, String field) {
    return records.stream().mapToLong(r -> r.path(field).asLong()).sum();
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

  static JsonNode recordAttempts(GatewayHarness h, String id) {
    try {
      return JSON.readTree(h.adminCall("GET", "/api/requests/" + id, null).body()).path("attempts");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The sum of a Prometheus counter over the series whose labels contain {@code labelFilter}. */
  static long sum(String metrics, String name, String labelFilter) {
    return Math.round(sumDouble(metrics, name, labelFilter));
  }

  static double sumDouble(String metrics, String name, String labelFilter) {
    // Label values are quoted and may hold braces (the endpoint /v1beta/models/{model}:generateContent).
    Matcher m = Pattern.compile("(?m)^" + name + "\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\} ([0-9.eE+]+)$")
        .matcher(metrics);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(labelFilter)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }
}
