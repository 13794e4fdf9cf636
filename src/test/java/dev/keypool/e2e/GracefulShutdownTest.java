package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown (server/Drain) on the real gateway: while it drains, new connections are refused
 * and /health/ready says "draining", streams in flight finish, one past the drain deadline is cut,
 * and every request's record is in the database once close() has returned.
 */
class GracefulShutdownTest {
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void streams_in_flight_finish_while_new_connections_are_refused_and_every_record_is_stored() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + "limits: { drain_timeout: 30s }\n");
    h.upstream.defaultReply(Replies.openAiStream(deltas(60)).eventDelay(Duration.ofMillis(50)));
    int streams = 50;
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      answers.add(h.http.sendAsync(streamRequest(), HttpResponse.BodyHandlers.ofString()));
    }
    h.upstream.awaitRequests(streams, Duration.ofSeconds(10));
    int port = h.gateway.proxyPort();

    CompletableFuture<Void> closed = h.closeGatewayInBackground();
    Poll.until("/health/ready says draining", Duration.ofSeconds(5),
        () -> readyBody().contains("\"draining\""));
    assertThat(readyBody()).doesNotContain("\"requests_in_flight\":0");
    Poll.until("the proxy port refuses connections", Duration.ofSeconds(5), () -> refuses(port));
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

    List<String> ids = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("[DONE]").containsOnlyOnce("tick59");
      ids.add(response.headers().firstValue("x-keypool-request-id").orElseThrow());
    }
    closed.get(30, TimeUnit.SECONDS);
    assertThat(outcomes(ids)).hasSize(streams).containsOnly("success");
  }

  @Test
  void a_stream_past_the_drain_deadline_is_cut_and_still_recorded() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + "limits: { drain_timeout: 300ms }\n");
    h.upstream.defaultReply(Replies.openAiStream(deltas(400)).eventDelay(Duration.ofMillis(50)));
    HttpResponse<java.util.stream.Stream<String>> response =
        h.http.sendAsync(streamRequest(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    String id = response.headers().firstValue("x-keypool-request-id").orElseThrow();
    CompletableFuture<String> body = CompletableFuture.supplyAsync(() -> {
      StringBuilder seen = new StringBuilder();
      try {
        response.body().forEach(line -> seen.append(line).append('\n'));
      } catch (RuntimeException cut) {
        // the connection closed under the reader: what arrived before is what counts
      }
      return seen.toString();
    });

    long start = System.nanoTime();
    h.closeGatewayInBackground().get(30, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(body.get(10, TimeUnit.SECONDS)).contains("tick").doesNotContain("[DONE]");
    assertThat(h.upstream.cancelledStreams()).isEqualTo(1);
    assertThat(outcomes(List.of(id))).containsExactly("client_abort");
  }

  @Test
  void an_idle_gateway_closes_at_once() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD); // the default drain deadline: 30 s
    h.upstream.defaultReply(Replies.openAiChat("hi"));
    HttpResponse<String> answered = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
    String id = answered.headers().firstValue("x-keypool-request-id").orElseThrow();
    long start = System.nanoTime();
    // the client's kept-alive connection is idle: it does not hold the drain
    h.closeGatewayInBackground().get(30, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(outcomes(List.of(id))).containsExactly("success");
  }

  private HttpRequest streamRequest() {
    return HttpRequest.newBuilder(h.proxy("/v1/chat/completions")).timeout(Duration.ofSeconds(60))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chatStream("gpt-test"))).build();
  }

  private static String[] deltas(int n) {
    String[] deltas = new String[n];
    Arrays.setAll(deltas, i -> "tick" + i + " ");
    return deltas;
  }

  private String readyBody() {
    try {
      return h.adminCall("GET", "/health/ready", null).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static boolean refuses(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  /** The stored outcome of each request id, read from the database after the gateway closed. */
  private List<String> outcomes(List<String> ids) throws Exception {
    List<String> outcomes = new ArrayList<>();
    try (var db = h.database(); var st = db.createStatement();
         var rs = st.executeQuery("SELECT id, outcome FROM request_records WHERE id IN ("
             + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")")) {
      while (rs.next()) {
        outcomes.add(rs.getString("outcome"));
      }
    }
    return outcomes;
  }
}
