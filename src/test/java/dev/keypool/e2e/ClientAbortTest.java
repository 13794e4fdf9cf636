package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that disconnects mid-stream makes the gateway cancel the upstream call at once and free the key. */
class ClientAbortTest {
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  boolean noneInFlight() {
    return h.gateway.keyPool().snapshots().stream().allMatch(k -> k.inFlight() == 0);
  }

  @Test
  void client_disconnect_mid_stream_cancels_the_upstream_stream() throws Exception {
    String[] deltas = new String[200];
    java.util.Arrays.fill(deltas, "tick ");
    h.upstream.defaultReply(Replies.openAiStream(deltas).eventDelay(Duration.ofMillis(50)));
    String seen = h.streamThenDisconnect(GatewayHarness.chatStream("gpt-test"), "tick", 1);
    assertThat(seen).startsWith("HTTP/1.1 200");

    h.upstream.awaitCancelledStreams(1, Duration.ofSeconds(3));
    assertThat(h.upstream.cancelledStreams()).isEqualTo(1);
    Poll.until("no key in flight", Duration.ofSeconds(3), this::noneInFlight);
    assertThat(h.gateway.keyPool().snapshots()).allSatisfy(k -> assertThat(k.inFlight()).isZero());
  }

  @Test
  void client_disconnect_while_waiting_for_the_upstream_frees_the_key() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("slow").delayed(Duration.ofMillis(1500)));
    String body = GatewayHarness.chat("gpt-test");
    try (Socket socket = new Socket("127.0.0.1", h.gateway.proxyPort())) {
      socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + GatewayHarness.CLIENT_KEY + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      h.upstream.awaitRequests(1, Duration.ofSeconds(3));
    }
    Poll.until("no key in flight", Duration.ofSeconds(3), this::noneInFlight);
    assertThat(h.gateway.keyPool().snapshots()).allSatisfy(k -> assertThat(k.inFlight()).isZero());
    assertThat(h.upstream.requests()).hasSize(1);
  }
}
