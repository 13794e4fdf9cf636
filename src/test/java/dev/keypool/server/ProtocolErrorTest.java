package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the HTTP decoder rejects are the client's fault: a 4xx in the error shape of the endpoint
 * the path belongs to, with {@code connection: close}, never an empty body or a 500.
 */
class ProtocolErrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static GuardedGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = new GuardedGateway("", "header_timeout: 5s, body_timeout: 5s");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "invalid chunk size, /v1/chat/completions, zz",
      "chunk size overflow, /v1/chat/completions, FFFFFFFFFFFFFFFFFFFFFFFF",
      "oversized chunk extension, /v1/chat/completions, EXTENSION",
      "invalid chunk size, /v1/messages, zz",
      "invalid chunk size, /v1beta/models/gemini-test:generateContent, zz"})
  void a_malformed_chunked_body_is_a_400_in_the_endpoint_shape(String name, String path, String chunk) throws Exception {
    String size = chunk.equals("EXTENSION") ? "5;" + "x".repeat(20_000) : chunk;
    String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + GuardedGateway.KEY + "\r\nx-goog-api-key: " + GuardedGateway.KEY + "\r\n"
        + "anthropic-version: 2023-06-01\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n{\"a\":1}\r\n0\r\n\r\n";
    String response = exchange(request);
    assertThat(response).startsWith("HTTP/1.1 400");
    assertShape(path, RawHttp.body(response), 400);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "content-length with transfer-encoding, /v1/chat/completions, 400",
      "content-length with transfer-encoding, /v1/messages, 400",
      "invalid header name, /v1/chat/completions, 400",
      "invalid header name, /v1beta/models/gemini-test:generateContent, 400",
      "oversized URI, /v1/messages, 414",
      "oversized URI, /v1/chat/completions, 414",
      "oversized headers, /v1beta/models/gemini-test:generateContent, 431",
      "oversized headers, /v1/chat/completions, 431"})
  void a_request_the_decoder_rejects_has_a_body_in_the_endpoint_shape(String name, String path, int status) throws Exception {
    String head = switch (name) {
      case "content-length with transfer-encoding" ->
          "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
      case "invalid header name" -> "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n";
      case "oversized URI" -> "POST " + path + "?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      default -> "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n";
    };
    String response = exchange(head);
    // An unreadable request line is answered as HTTP/1.0: the version it might have had is unknown.
    assertThat(response).matches("(?s)HTTP/1\\.[01] " + status + " .*");
    assertThat(response.toLowerCase()).contains("connection: close").contains("content-type: application/json");
    assertShape(path, RawHttp.body(response), status);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"invalid header name", "oversized URI"})
  void the_admin_port_answers_in_the_admin_api_shape(String name) throws Exception {
    String head = name.equals("oversized URI")
        ? "GET /health?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        : "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n";
    String response;
    try (RawHttp raw = new RawHttp(gw.adminPort())) {
      response = raw.send(head).readToClose();
    }
    assertThat(response).matches("(?s)HTTP/1\\.[01] " + (name.equals("oversized URI") ? 414 : 400) + " .*");
    assertThat(JSON.readTree(RawHttp.body(response)).path("error").path("type").asText()).isEqualTo("invalid_request");
  }

  private static String exchange(String request) throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      raw.send(request);
      return raw.readToClose();
    }
  }

  private static void assertShape(String path, String body, int status) throws Exception {
    JsonNode root = JSON.readTree(body);
    if (path.startsWith("/v1/messages")) {
      assertThat(root.path("type").asText()).isEqualTo("error");
      assertThat(root.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    } else if (path.startsWith("/v1beta/")) {
      assertThat(root.path("error").path("code").asInt()).isEqualTo(status);
      assertThat(root.path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    } else {
      assertThat(root.path("error").path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(root.path("error").path("message").asText()).isNotBlank();
    }
  }
}
