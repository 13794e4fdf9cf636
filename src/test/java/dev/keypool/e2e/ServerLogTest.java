package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.serverlog.LogBook;
import dev.keypool.serverlog.LogMarkers;
import dev.keypool.serverlog.RingAppender;
import dev.keypool.testkit.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/logs}, {@code /api/logs/live} and {@code /api/logs/file}: the gateway's own log. */
class ServerLogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Logger LOG = LoggerFactory.getLogger("dev.keypool.e2e.ServerLogTest");
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void the_gateway_s_own_lines_are_listed_with_their_fields_and_generated_secrets_are_not() throws Exception {
    JsonNode listed = list("?q=" + encode("keypool listening"));
    assertThat(listed.path("items").size()).isGreaterThanOrEqualTo(1);
    JsonNode started = last(listed);
    assertThat(started.path("level").asText()).isEqualTo("INFO");
    assertThat(started.path("logger").asText()).endsWith("Gateway").hasSizeLessThan("dev.keypool.server.Gateway".length());
    assertThat(started.path("message").asText()).contains("admin 127.0.0.1:" + h.gateway.adminPort());
    assertThat(started.path("seq").asLong()).isPositive();
    assertThat(started.path("time").asText()).endsWith("Z");
    assertThat(started.path("thread").asText()).isNotEmpty();
    assertThat(started.path("stack").isNull()).isTrue();

    // Each fresh harness generated the first admin's password and logged it, to the console only.
    assertThat(list("?q=" + encode("generated password")).path("items").size()).isZero();
  }

  @Test
  void a_level_filter_keeps_that_level_and_above_and_a_stack_trace_comes_along() throws Exception {
    String token = token();
    LOG.info("{} said", token);
    LOG.warn("{} warned", token, new IllegalStateException("broken " + token));
    LOG.error("{} failed", token);

    JsonNode warnings = list("?level=warn&q=" + token);
    assertThat(messages(warnings)).containsExactly(token + " warned", token + " failed");
    assertThat(warnings.path("items").path(0).path("stack").asText())
        .startsWith("java.lang.IllegalStateException: broken " + token).contains("\tat ");
    assertThat(messages(list("?level=ERROR&q=" + token))).containsExactly(token + " failed");
    assertThat(messages(list("?q=" + token))).hasSize(3);
    assertThat(h.adminCall("GET", "/api/logs?level=loud", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/logs?after=-1", null).statusCode()).isEqualTo(400);
    assertThat(h.adminCall("GET", "/api/logs?limit=0", null).statusCode()).isEqualTo(400);
  }

  @Test
  void pages_follow_one_another_by_the_next_sequence() throws Exception {
    String token = token();
    for (int i = 1; i <= 5; i++) {
      LOG.info("{} line {}", token, i);
    }
    JsonNode latest = list("?limit=2&q=" + token);
    assertThat(messages(latest)).containsExactly(token + " line 4", token + " line 5");

    long before = latest.path("items").path(0).path("seq").asLong() - 4; // line 1's sequence, less one
    JsonNode first = list("?limit=2&q=" + token + "&after=" + before);
    assertThat(messages(first)).containsExactly(token + " line 1", token + " line 2");
    JsonNode second = list("?limit=2&q=" + token + "&after=" + first.path("next").asLong());
    assertThat(messages(second)).containsExactly(token + " line 3", token + " line 4");
    JsonNode third = list("?limit=2&q=" + token + "&after=" + second.path("next").asLong());
    assertThat(messages(third)).containsExactly(token + " line 5");
    assertThat(third.path("oldest").asLong()).isPositive().isLessThanOrEqualTo(before + 1);
  }

  @Test
  void the_live_view_sends_new_entries_at_or_above_its_level_and_a_viewer_may_read() throws Exception {
    String viewer = h.viewerToken();
    assertThat(h.http.send(HttpRequest.newBuilder(h.admin("/api/logs")).header("authorization", "Bearer " + viewer)
        .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    String token = token();
    try (LiveStream live = LiveStream.at(h, "/api/logs/live?level=warn", viewer)) {
      assertThat(live.response.statusCode()).isEqualTo(200);
      assertThat(live.response.headers().firstValue("content-type")).hasValue("text/event-stream");
      LOG.info("{} quiet", token);
      LOG.warn("{} loud", token);
      JsonNode entry = nextWith(live, token);
      assertThat(entry.path("message").asText()).isEqualTo(token + " loud");
      assertThat(entry.path("level").asText()).isEqualTo("WARN");
      assertThat(entry.path("seq").asLong()).isPositive();
    }
    Poll.until("the live log view is let go", WAIT, () -> LogBook.shared().live().subscriberCount() == 0);
  }

  @Test
  void a_live_client_that_does_not_read_loses_entries_and_is_told_how_many() throws Exception {
    Poll.until("no other live log view", WAIT, () -> LogBook.shared().live().subscriberCount() == 0);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger flood = context.getLogger("dev.keypool.e2e.ServerLogTest.flood");
    RingAppender ringOnly = new RingAppender();
    ringOnly.setContext(context);
    ringOnly.start();
    flood.setAdditive(false); // into the recent entries only: ten thousand lines stay off the console
    flood.addAppender(ringOnly);
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.setSoTimeout(20_000);
      socket.connect(new InetSocketAddress("127.0.0.1", h.gateway.adminPort()));
      socket.getOutputStream().write(("GET /api/logs/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + GatewayHarness.ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      Poll.until("the live log view is subscribed", WAIT, () -> LogBook.shared().live().subscriberCount() == 1);
      String padding = "p".repeat(1_900);
      for (int i = 0; i < 10_000; i++) {
        flood.info("flood {} {}", i, padding);
      }

      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      long dropped = 0;
      int received = 0;
      for (String line = in.readLine(); line != null && dropped == 0; line = in.readLine()) {
        if (line.startsWith("data: {")) {
          received++;
        } else if (line.equals("event: dropped")) {
          String data = in.readLine();
          assertThat(data).startsWith("data: ");
          dropped = Long.parseLong(data.substring("data: ".length()).trim());
        }
      }
      assertThat(dropped).as("entries lost, announced").isPositive();
      assertThat(received + dropped).as("every entry either sent or counted").isLessThanOrEqualTo(10_000 + 100);
    } finally {
      flood.detachAppender(ringOnly);
      flood.setAdditive(true);
    }
  }

  @Test
  void without_file_logging_the_download_is_a_404_that_says_so() throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/logs/file", null);
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("not_found");
    assertThat(error.path("message").asText()).contains("logging.file");
    assertThat(JSON.readTree(h.adminCall("GET", "/api/logs?limit=1", null).body()).path("file").isNull())
        .as("the listing says there is no file to download").isTrue();
  }

  @Test
  void with_file_logging_lines_are_written_and_the_file_downloads_as_an_attachment(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("logs").resolve("keypool.log");
    try (GatewayHarness withFile = GatewayHarness.start(GatewayHarness.STANDARD + """
        logging: { level: info, file: "%s", file_max_size: 1MiB, file_max_history: 2 }
        """.formatted(file))) {
      String token = token();
      LOG.warn(LogMarkers.CONSOLE_ONLY, "{} for the console only", token);
      LOG.info("{} to the file", token);
      String[] body = new String[1];
      HttpResponse<String>[] last = new HttpResponse[1];
      Poll.until("the line is in the downloaded file", WAIT, () -> {
        try {
          last[0] = withFile.adminCall("GET", "/api/logs/file", null);
          body[0] = last[0].body();
          return last[0].statusCode() == 200 && body[0].contains(token + " to the file");
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(last[0].headers().firstValue("content-disposition")).hasValue("attachment; filename=\"keypool.log\"");
      assertThat(last[0].headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(body[0]).contains("keypool listening").doesNotContain(token + " for the console only");
      assertThat(body[0].lines().filter(l -> l.contains(token)).findFirst().orElseThrow())
          .matches("\\d{4}-\\d\\d-\\d\\dT.*Z INFO  \\[.*\\] .* - " + token + " to the file");
      assertThat(Files.readString(file)).contains(token + " to the file");
      assertThat(messages(JSON.readTree(withFile.adminCall("GET", "/api/logs?q=" + token, null).body())))
          .containsExactly(token + " to the file");
      assertThat(withFile.adminCall("GET", "/api/logs/file?x=1", null).statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(withFile.adminCall("GET", "/api/logs?limit=1", null).body()).path("file").asText())
          .isEqualTo("keypool.log");
    }
    // Closed with its gateway: nothing more is written to it.
    String after = token();
    LOG.info("{} after the close", after);
    assertThat(Files.readString(file)).doesNotContain(after);
  }

  private JsonNode list(String query) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/logs" + query, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode nextWith(LiveStream live, String token) throws Exception {
    while (true) {
      JsonNode entry = JSON.readTree(live.next("data: ", WAIT));
      if (entry.path("message").asText().contains(token)) {
        return entry;
      }
    }
  }

  private static JsonNode last(JsonNode listed) {
    return listed.path("items").path(listed.path("items").size() - 1);
  }

  private static List<String> messages(JsonNode listed) {
    List<String> out = new ArrayList<>();
    listed.path("items").forEach(e -> out.add(e.path("message").asText()));
    return out;
  }

  private static String token() {
    return "t" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
