package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logging.access} and {@code logging.format: json}: one access line per proxied request, with
 * its request id and what an operator needs, and never a secret or a prompt; written to the log file
 * (and the console), in JSON when asked, with successful requests sampled and failures always kept.
 */
class AccessLogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT = "a prompt that must never reach a log line";

  @Test
  void every_request_gets_one_json_access_line_with_its_request_id_and_no_secret(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keypool.log");
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD + """
        logging: { format: json, file: "%s", access: { enabled: true } }
        """.formatted(file))) {
      HttpResponse<String> ok = h.post("/v1/chat/completions", chatWith("gpt-test"));
      h.upstream.defaultReply(Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(20)));
      HttpResponse<String> limited = h.post("/v1/chat/completions", chatWith("gpt-test"));
      HttpResponse<String> unknown = h.post("/v1/chat/completions", chat("no-such-model"));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(unknown.statusCode()).isEqualTo(404);

      Poll.until("three access lines", Duration.ofSeconds(10), () -> accessLines(file).size() >= 3);
      List<JsonNode> access = accessLines(file);
      assertThat(access).hasSize(3);
      JsonNode first = byRequest(access, ok);
      assertThat(first.path("level").asText()).isEqualTo("INFO");
      assertThat(first.path("loggerName").asText()).isEqualTo("keypool.access");
      JsonNode fields = fields(first);
      assertThat(fields.path("model").asText()).isEqualTo("gpt-test");
      assertThat(fields.path("route").asText()).isEqualTo("gpt-test");
      assertThat(fields.path("provider").asText()).isEqualTo("openai");
      assertThat(fields.path("provider_key").asText()).isIn("a", "b");
      assertThat(fields.path("status").asText()).isEqualTo("200");
      assertThat(fields.path("outcome").asText()).isEqualTo("success");
      assertThat(fields.path("input_tokens").asLong()).isPositive();
      assertThat(fields.has("latency_ms")).isTrue();
      assertThat(fields.path("gateway_key").asText()).isNotEmpty();

      assertThat(fields(byRequest(access, limited)).path("failure_class").asText()).isEqualTo("rate_limit");
      assertThat(fields(byRequest(access, unknown)).path("status").asText()).isEqualTo("404");

      // Every line of the file is JSON; none holds a secret, the client's key or the prompt.
      String whole = Files.readString(file);
      for (String line : whole.split("\n")) {
        JSON.readTree(line);
      }
      assertThat(whole).doesNotContain(CLIENT_KEY, "sk-a", "sk-b", PROMPT);
    }
  }

  @Test
  void a_zero_sample_leaves_out_successes_but_keeps_failures_in_text_lines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keypool.log");
    try (GatewayHarness h = GatewayHarness.start(GatewayHarness.STANDARD + """
        logging: { file: "%s", access: { enabled: true, sample: 0 } }
        """.formatted(file))) {
      HttpResponse<String> ok = h.post("/v1/chat/completions", chatWith("gpt-test"));
      HttpResponse<String> unknown = h.post("/v1/chat/completions", chat("no-such-model"));
      assertThat(ok.statusCode()).isEqualTo(200);
      String failed = unknown.headers().firstValue("x-keypool-request-id").orElseThrow();
      Poll.until("the failure's access line", Duration.ofSeconds(10), () -> !accessText(file).isEmpty());
      String line = accessText(file).getFirst();
      assertThat(line).contains("request_id=" + failed, "status=404", "outcome=error", "failure_class=not_found");
      // The success was sampled out: its request (recorded, as every request is) has no line.
      String succeeded = ok.headers().firstValue("x-keypool-request-id").orElseThrow();
      h.record(ok);
      assertThat(Files.readString(file)).doesNotContain("request_id=" + succeeded);
    }
  }

  static String chatWith(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
  }

  static List<String> accessText(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file).lines().filter(l -> l.contains("keypool.access")).toList()
          : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<JsonNode> accessLines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : accessText(file)) {
      try {
        out.add(JSON.readTree(line));
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }
    return out;
  }

  /** The key-value pairs of a JSON line, as one object. */
  static JsonNode fields(JsonNode line) {
    var out = JSON.createObjectNode();
    for (JsonNode pair : line.path("kvpList")) {
      pair.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
    }
    return out;
  }

  static JsonNode byRequest(List<JsonNode> lines, HttpResponse<String> r) {
    String id = r.headers().firstValue("x-keypool-request-id").orElseThrow();
    return lines.stream().filter(l -> id.equals(fields(l).path("request_id").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no access line for request " + id + " in " + lines));
  }
}
