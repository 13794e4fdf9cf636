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
      // One more than the polite allowance, sending nothing. The proxy's loops accept them in an order of
      // their own, so which one is past the allowance is not known: one is closed at once (more if the
      // previous test's connections are still being counted down), the others wait for a request head
      // to answer with a 503.
      List<RawHttp> refused = new ArrayList<>();
      for (int i = 0; i <= ConnectionGuard.POLITE_REFUSALS; i++) {
        refused.add(new RawHttp(gw.proxyPort()));
      }
      held.addAll(refused);
      assertThat(closedWithin(refused, 3_000)).isBetween(1, refused.size() - 1);
      assertThat(gw.health()).isEqualTo(200);
    } finally {
      for (RawHttp raw : held) {
        raw.close();
      }
    }
  }

  /** How many of {@code sockets} the server closed within {@code millis}, each polled briefly. */
  private static int closedWithin(List<RawHttp> sockets, long millis) throws Exception {
    List<RawHttp> open = new ArrayList<>(sockets);
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      for (var it = open.iterator(); it.hasNext(); ) {
        if (closedByServer(it.next())) {
          it.remove();
        }
      }
    }
    return sockets.size() - open.size();
  }

  private static boolean closedByServer(RawHttp raw) throws Exception {
    raw.socket.setSoTimeout(5);
    try {
      return raw.socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset
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
