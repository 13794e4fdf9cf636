package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Header and body read deadlines of the proxy port, on raw sockets, with deadlines of a fraction of a second. */
class ReadDeadlineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static GuardedGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = new GuardedGateway("", "header_timeout: 400ms, body_timeout: 600ms");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void a_head_trickled_byte_by_byte_is_cut_at_the_header_deadline_with_a_408_in_the_endpoint_shape() throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      raw.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      long start = System.nanoTime();
      // Slowloris: a header byte every 50 ms, bounded to 4 s; each byte used to restart the idle timeout.
      boolean cut = false;
      for (int i = 0; i < 80 && !cut; i++) {
        try {
          raw.send("x");
          Thread.sleep(50);
        } catch (java.io.IOException e) {
          cut = true;
        }
        cut = cut || raw.socket.getInputStream().available() > 0;
      }
      String response = raw.readToClose();
      assertThat(response).startsWith("HTTP/1.1 408").contains("connection: close").doesNotContain("<still open>");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
      JsonNode body = JSON.readTree(RawHttp.body(response));
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }
  }

  @Test
  void a_connection_that_sends_nothing_is_closed_at_the_header_deadline() throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      long start = System.nanoTime();
      assertThat(raw.readToClose()).isEmpty();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }
  }

  @Test
  void a_kept_alive_connection_waits_for_its_next_request_beyond_the_header_deadline() throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      String get = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + GuardedGateway.KEY + "\r\n\r\n";
      assertThat(raw.send(get).readResponse()).startsWith("HTTP/1.1 200");
      Thread.sleep(1_000); // idle between requests: only the idle timeout applies
      assertThat(raw.send(get).readResponse()).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void a_body_that_stops_arriving_is_answered_408_in_the_endpoint_shape_and_the_connection_closed() throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      raw.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + GuardedGateway.KEY + "\r\nContent-Length: 100\r\n\r\n{\"model\":");
      long start = System.nanoTime();
      String response = raw.readToClose();
      assertThat(response).startsWith("HTTP/1.1 408").doesNotContain("<still open>");
      assertThat(response.toLowerCase()).contains("connection: close").contains("x-keypool-request-id");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 2_500L);
      JsonNode error = JSON.readTree(RawHttp.body(response)).path("error");
      assertThat(error.path("code").asText()).isEqualTo("request_timeout");
      assertThat(error.path("message").asText()).contains("600ms");
    }
  }

  @Test
  void a_body_nobody_reads_is_cut_at_the_body_deadline_too() throws Exception {
    try (RawHttp raw = new RawHttp(gw.proxyPort())) {
      // Refused before its body is read (no key): the rest of the body must not hold the connection.
      raw.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{");
      String response = raw.readToClose();
      assertThat(response).startsWith("HTTP/1.1 401").doesNotContain("<still open>");
    }
  }
}
