package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.relay.ModelName;
import dev.keypool.testkit.Poll;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model names are the client's own text: however many it makes up and however long they are, the
 * metrics' series, the rollup rows and the error messages stay bounded, while the request log still
 * shows what was asked.
 */
class ClientModelNamesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** An alias for gpt-test, and one known model of the openai provider (listed as openai/listed-model). */
  static final String YAML = with(with(GatewayHarness.WITH_GEMINI,
      "{ id: gpt-test, candidates", "{ id: gpt-test, aliases: [gpt-alias], candidates"),
      "    keys:\n      - { name: a, secret: sk-a }", "    models: [listed-model]\n    keys:\n      - { name: a, secret: sk-a }");
  static final Pattern REQUESTS = Pattern.compile("(?m)^keypool_requests_total\\{.*?\\} (\\S+)$");
  static final Pattern MODEL_LABEL = Pattern.compile("model=\"([^\"]*)\"");

  static GatewayHarness h;

  static String with(String yaml, String from, String to) {
    assertThat(yaml).contains(from);
    return yaml.replace(from, to);
  }

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(YAML);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void forget() {
    h.upstream.reset();
  }

  @Test
  void made_up_model_names_add_no_metric_series_and_no_rollup_rows() throws Exception {
    // One request of each kind first, so every series the flood could touch exists already.
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("gpt-alias")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("openai/listed-model")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("openai/made-up")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/chat/completions", chat("no-such-model")).statusCode()).isEqualTo(404);
    assertThat(h.post("/v1/messages", message("no-such-model")).statusCode()).isEqualTo(404);
    String before = scrape();

    for (int i = 0; i < 200; i++) {
      assertThat(h.post("/v1/chat/completions", chat("made-up-" + UUID.randomUUID())).statusCode()).isEqualTo(404);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(h.post("/v1/messages", message("made-up-" + UUID.randomUUID())).statusCode()).isEqualTo(404);
      assertThat(h.post("/v1/chat/completions", chat("openai/made-up-" + UUID.randomUUID())).statusCode()).isEqualTo(200);
    }
    String after = scrape();
    assertThat(requests(after) - requests(before)).isEqualTo(300);

    assertThat(series(after)).isEqualTo(series(before));
    // The alias counts under its route's id, the listed provider model under its own, a made-up
    // provider/model under provider/other, and names that found no route under unknown.
    assertThat(modelLabels(after)).containsExactly("gpt-test", "openai/listed-model", "openai/other", "unknown");
    String unknownChat = "keypool_requests_total{endpoint=\"/v1/chat/completions\",model=\"unknown\","
        + "outcome=\"error\",status=\"4xx\"}";
    assertThat(value(after, unknownChat) - value(before, unknownChat)).isEqualTo(200);
    String otherChat = "keypool_requests_total{endpoint=\"/v1/chat/completions\",model=\"openai/other\","
        + "outcome=\"success\",status=\"2xx\"}";
    assertThat(value(after, otherChat) - value(before, otherChat)).isEqualTo(50);

    // Every request without a route shares one rollup row per table (same hour, key and outcome).
    try (var c = h.database()) {
      Poll.until("every request recorded", Duration.ofSeconds(10),
          () -> countQuietly(c, "SELECT COUNT(*) FROM request_records") == requests(after));
      assertThat(count(c, "SELECT COUNT(*) FROM usage_hourly WHERE model_requested = ''")).isEqualTo(1);
      assertThat(count(c, "SELECT requests FROM usage_hourly WHERE model_requested = ''")).isGreaterThanOrEqualTo(252);
      assertThat(count(c, "SELECT COUNT(*) FROM usage_daily WHERE model_requested = ''")).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM errors_hourly WHERE model_requested = '' "
          + "AND error_class = 'not_found'")).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM usage_hourly WHERE model_requested LIKE '%no-such%' "
          + "OR model_requested LIKE 'made-up-%'")).isZero();
      assertThat(count(c, "SELECT COUNT(*) FROM errors_hourly WHERE model_requested <> ''")).isZero();
      // Routed requests keep the model they asked for, the alias included.
      assertThat(count(c, "SELECT COUNT(DISTINCT model_requested) FROM usage_hourly WHERE model_requested "
          + "IN ('gpt-test', 'gpt-alias', 'openai/listed-model')")).isEqualTo(3);
    }
  }

  @Test
  void the_request_log_still_shows_the_unknown_model_asked_for() throws Exception {
    String name = "made-up-" + UUID.randomUUID();
    HttpResponse<String> r = h.post("/v1/chat/completions", chat(name));
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode record = h.record(r);
    assertThat(record.path("model_requested").asText()).isEqualTo(name);
    assertThat(record.path("route_id").isNull()).isTrue();
  }

  @Test
  void a_500_kb_model_is_a_short_400_in_each_format_and_never_goes_upstream() throws Exception {
    String huge = "m".repeat(500_000);
    HttpResponse<String> openAi = h.post("/v1/chat/completions", chat(huge));
    assertThat(openAi.statusCode()).isEqualTo(400);
    assertThat(openAi.body()).hasSizeLessThan(300);
    JsonNode err = JSON.readTree(openAi.body()).path("error");
    assertThat(err.path("code").asText()).isEqualTo("model_too_long");
    assertThat(err.path("message").asText()).isEqualTo("'model' is longer than 256 characters.");

    HttpResponse<String> anthropic = h.post("/v1/messages", message(huge));
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(anthropic.body()).hasSizeLessThan(300);

    HttpResponse<String> gemini = h.postRaw("/v1beta/models/" + "g".repeat(1_000) + ":generateContent?key=" + CLIENT_KEY,
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}", "content-type", "application/json");
    assertThat(gemini.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(gemini.body()).path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(gemini.body()).hasSizeLessThan(300);

    // The record keeps the name cut to the cap, and only once.
    JsonNode record = h.record(openAi);
    assertThat(record.path("model_requested").asText()).isEqualTo(huge.substring(0, ModelName.MAX_LENGTH));
    assertThat(record.path("error_message").asText()).isEqualTo("'model' is longer than 256 characters.");
    assertThat(h.upstream.requests()).isEmpty();
  }

  @Test
  void not_found_messages_quote_the_name_cut_short_and_without_control_characters() throws Exception {
    String name = "evil\n\r\u001b[2J\u202e" + "x".repeat(200);
    HttpResponse<String> r = h.post("/v1/chat/completions", JSON.createObjectNode().put("model", name).toString());
    String message = JSON.readTree(r.body()).path("error").path("message").asText();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(message).startsWith("The model 'evil???[2J?xxx").contains("x\u2026' does not exist").hasSizeLessThan(170);
    assertThat(h.record(r).path("model_requested").asText()).isEqualTo(name);

    HttpResponse<String> byId = h.get("/v1/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    assertThat(byId.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(byId.body()).path("error").path("message").asText()).isEqualTo(message);

    // A malformed escape, which no URI class lets a client send: a plain 404 too.
    try (var socket = new java.net.Socket("127.0.0.1", h.gateway.proxyPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET /v1/models/%zz HTTP/1.1\r\nhost: x\r\nauthorization: Bearer " + CLIENT_KEY
          + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 404").contains("\"model_not_found\"", "'%zz'");
    }
  }

  /**
   * The metrics once every request sent so far is in them: they are updated right after the response,
   * so the client may see the answer first; none in flight means none left to count.
   */
  static String scrape() throws Exception {
    String[] last = new String[1];
    Poll.until("no request in flight", Duration.ofSeconds(10), () -> {
      try {
        last[0] = h.http.send(HttpRequest.newBuilder(h.admin("/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (Exception e) {
        return false;
      }
      return last[0].lines().anyMatch(l -> l.equals("keypool_requests_in_flight 0.0"));
    });
    return last[0];
  }

  /** The sum of keypool_requests_total over all its series. */
  static long requests(String metrics) {
    Matcher m = REQUESTS.matcher(metrics);
    long sum = 0;
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** The value of one series, 0 when it does not exist. */
  static long value(String metrics, String series) {
    return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> (long) Double.parseDouble(l.substring(series.length() + 1))).orElse(0L);
  }

  /**
   * The gateway's own series: JVM meters (garbage collection causes, buffer pools) come and go with the
   * runtime's own activity, so they are left out.
   */
  static long series(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("keypool_")).count();
  }

  static Set<String> modelLabels(String metrics) {
    Set<String> out = new TreeSet<>();
    Matcher m = MODEL_LABEL.matcher(metrics);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static long countQuietly(java.sql.Connection c, String sql) {
    try {
      return count(c, sql);
    } catch (Exception e) {
      return -1;
    }
  }

  static long count(java.sql.Connection c, String sql) throws Exception {
    try (var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
