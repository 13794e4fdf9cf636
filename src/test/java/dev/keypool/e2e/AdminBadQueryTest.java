package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Whatever an admin caller puts in a query string is a 400 with a JSON error when it is wrong, never a
 * 500, and never reaches the log as sent. On PostgreSQL, which refuses NUL bytes deep inside a query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBadQueryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** In every bad value, so the log can be searched for any trace of one. */
  static final String MARK = "ZqMarkQz";
  GatewayHarness h;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeAll
  void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD, GatewayHarness.Storage.POSTGRES);
    logged.start();
    root.addAppender(logged);
  }

  @AfterAll
  void stop() throws Exception {
    root.detachAppender(logged);
    h.close();
  }

  @BeforeEach
  void clearLog() {
    logged.list.clear();
  }

  @AfterEach
  void nothingSentWasLogged() {
    for (ILoggingEvent e : logged.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(MARK).doesNotContain("\0");
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(MARK);
      }
      assertThat(e.getLevel().toInt()).as(e.getFormattedMessage()).isLessThan(ch.qos.logback.classic.Level.ERROR.toInt());
    }
  }

  static String base64(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "cursor=" + MARK + "%00%00garbage!",
      "cursor=%00" + MARK,
      "cursor=" + MARK + "%zz",
      "cursor=" + MARK + "%ff%fe%fd",
      "cursor=" + MARK + "-not-base64-at-all",
      "model=gpt%00" + MARK,
      "q=%01" + MARK,
      "provider_key=" + MARK + "%7f",
      "status=" + MARK,
      "status=99999",
      "limit=-1" + MARK,
      "limit=0",
      "from=" + MARK,
      "to=2026-13-45T99:00:00Z" + MARK,
      MARK + "%00=1",
  })
  void a_bad_request_listing_parameter_is_a_400_in_json(String query) throws Exception {
    assertBadRequest(get("/api/requests?" + query));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not a cursor " + MARK,
      "1:abc:req_" + MARK,
      "1:-5:req_" + MARK,
      "1:99999999999999999999999:req_" + MARK,
      "2:1700000000000:req_" + MARK,
      "1:1700000000000:" + MARK + "'; DROP TABLE request_records; --",
      "1:1700000000000:" + MARK + "\0\0",
      "1:1700000000000",
      "",
  })
  void a_base64_cursor_of_the_wrong_content_is_a_400(String plain) throws Exception {
    assertBadRequest(get("/api/requests?cursor=" + base64(plain + MARK)));
  }

  @Test
  void a_huge_cursor_is_a_400() throws Exception {
    assertBadRequest(get("/api/requests?cursor=" + MARK + "A".repeat(3_000)));
    assertBadRequest(get("/api/requests?cursor=" + base64("1:1700000000000:req_" + MARK + "x".repeat(400))));
  }

  @Test
  void a_cursor_as_issued_still_pages() throws Exception {
    for (int i = 0; i < 3; i++) {
      h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
    }
    dev.keypool.testkit.Poll.until("3 records", () -> {
      try {
        return body(get("/api/requests")).path("items").size() == 3;
      } catch (IOException e) {
        return false;
      }
    });
    JsonNode first = body(get("/api/requests?limit=2"));
    assertThat(first.path("items")).hasSize(2);
    JsonNode second = body(get("/api/requests?limit=2&cursor=" + first.path("next_cursor").asText()));
    assertThat(second.path("items")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/statistics/models?rank_by=" + MARK,
      "/api/statistics/models?limit=" + MARK,
      "/api/statistics/timeline?bucket=%00" + MARK,
      "/api/statistics/overview?from=" + MARK,
      "/api/provider-keys/x/trends?days=" + MARK,
      "/api/orgs?offset=" + MARK,
      "/api/requests/%00" + MARK,
      "/api/users/" + MARK + "%00/usage",
  })
  void other_bad_admin_parameters_are_a_400_too(String pathAndQuery) throws Exception {
    assertBadRequest(get(pathAndQuery));
  }

  private void assertBadRequest(String response) throws Exception {
    assertThat(response).startsWith("HTTP/1.1 400");
    JsonNode error = body(response).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).isNotBlank().doesNotContain(MARK);
  }

  private static JsonNode body(String response) throws IOException {
    return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  /** A GET on a raw socket, so that the path goes out byte for byte as written. */
  private String get(String pathAndQuery) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", h.gateway.adminPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + GatewayHarness.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
