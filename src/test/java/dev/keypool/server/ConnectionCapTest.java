package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy's connection cap: past it connections are refused, and the admin port still answers. */
class ConnectionCapTest {
  private static final int CAP = 4;
  private static final String GET = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
      + GuardedGateway.KEY + "\r\n\r\n";
  private static GuardedGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = new GuardedGateway(", max_connections: " + CAP, "header_timeout: 5s");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void the_connection_past_the_cap_gets_a_503_in_the_endpoint_shape_while_admin_health_answers() throws Exception {
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        RawHttp raw = new RawHttp(gw.proxyPort());
        held.add(raw);
        assertThat(raw.send(GET).readResponse()).startsWith("HTTP/1.1 200");
      }
      try (RawHttp extra = new RawHttp(gw.proxyPort())) {
        String response = extra.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}")
            .readToClose();
        assertThat(response).startsWith("HTTP/1.1 503").contains("connection: close").doesNotContain("<still open>");
        var body = new ObjectMapper().readTree(RawHttp.body(response));
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("overloaded_error");
      }
      assertThat(gw.health()).isEqualTo(200);
      // A held connection still works, and once one closes a new one is let in.
      assertThat(held.get(0).send(GET).readResponse()).startsWith("HTTP/1.1 200");
      held.remove(0).close();
      assertThat(admittedWithin(3_000)).isTrue();
    } finally {
      for (RawHttp raw : held) {
        raw.close();
      }
    }
  }

  @Test
  void past_the_refusal_allowance_connections_are_closed_at_once() throws Exception {
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        RawHttp raw = new RawHttp(gw.proxyPort());
        held.add(raw);
        raw.send(GET).readResponse();
      }
      // These wait for their request head to be answered 503; they send none.
      for (int i = 0; i < ConnectionGuard.POLITE_REFUSALS; i++) {
        held.add(new RawHttp(gw.proxyPort()));
      }
      try (RawHttp flood = new RawHttp(gw.proxyPort())) {
        long start = System.nanoTime();
        assertThat(flood.readToClose()).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
      }
      assertThat(gw.health()).isEqualTo(200);
    } finally {
      for (RawHttp raw : held) {
        raw.close();
      }
    }
  }

  private static boolean admittedWithin(long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      try (RawHttp raw = new RawHttp(gw.proxyPort())) {
        if (raw.send(GET).readResponse().startsWith("HTTP/1.1 200")) {
          return true;
        }
      } catch (java.io.IOException e) {
        // refused while the closed connection is still counted: try again
      }
      Thread.sleep(50);
    }
    return false;
  }
}
