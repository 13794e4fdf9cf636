package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.Reply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that reads a stream slower than the upstream sends it holds the upstream back: the gateway
 * reads from the upstream only as fast as the client takes the bytes, so neither its memory nor the
 * upstream's lead grows with the size of the stream. The upstream's idle timeout does not run while it
 * is held back for the client; a client that does not read is cut at the total timeout, without blame
 * on the key. What the fake upstream counts is what it could write (it waits whenever its own write
 * queue is full), so its count minus the client's is what lies between them.
 */
class BackPressureTest {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long FLOOD = 64L << 20;
  private static final int READ = 64 * 1024;
  /** What may lie between the upstream and the client: socket buffers on both connections, write queues. */
  private static final long LEAD_BOUND = 20L << 20;

  /** The standard setup with an idle timeout far shorter than the pauses a slow client causes. */
  static String config(String total) {
    return GatewayHarness.STANDARD.replace("idle: 2s, total: 10s", "idle: 300ms, total: " + total);
  }

  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void a_slow_client_holds_back_a_passed_through_stream() throws Exception {
    readSlowly(Replies.openAiFlood(FLOOD), "gpt-test");
  }

  @Test
  void a_slow_client_holds_back_a_translated_stream() throws Exception {
    readSlowly(Replies.anthropicFlood(FLOOD), "cross-test");
  }

  /** Reads 64 KB per 50 ms for a second, then nothing: the upstream stops within a bound of the client. */
  private void readSlowly(Reply flood, String model) throws Exception {
    h = GatewayHarness.start(config("30s"));
    h.upstream.defaultReply(flood);
    try (SlowReader client = new SlowReader(h.gateway.proxyPort(), "/v1/chat/completions",
        GatewayHarness.chatStream(model))) {
      client.readSlowly(READ, 50, 20);
      long streamed = awaitUpstreamHeldBack();
      assertThat(client.head()).startsWith("HTTP/1.1 200");
      assertThat(streamed - client.bytesRead()).isLessThan(LEAD_BOUND);
    }
  }

  @Test
  void a_client_pausing_longer_than_the_idle_timeout_still_gets_the_whole_stream() throws Exception {
    h = GatewayHarness.start(config("30s"));
    long size = 24L << 20;
    h.upstream.defaultReply(Replies.openAiFlood(size));
    try (SlowReader client = new SlowReader(h.gateway.proxyPort(), "/v1/chat/completions",
        GatewayHarness.chatStream("gpt-test"))) {
      client.read(READ);
      // The upstream has stopped; the gateway drains its socket into the client's a little longer, then
      // waits on the client for several idle periods (300 ms) while the client reads nothing.
      long streamed = awaitUpstreamHeldBack();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
      assertThat(streamed).isLessThan(size);
      client.readToEnd();

      assertThat(client.tail()).contains("data: [DONE]").doesNotContain("interrupted");
      JsonNode record = record(client);
      assertThat(record.path("outcome").asText()).isEqualTo("success");
      assertThat(record.path("attempts")).hasSize(1);
      assertThat(record.path("attempts").get(0).path("failure_class").textValue()).isNull();
      assertThat(failures()).isZero();
    }
  }

  @Test
  void a_client_that_stops_reading_is_cut_at_the_total_timeout_without_blame_on_the_key() throws Exception {
    h = GatewayHarness.start(config("1500ms"));
    h.upstream.defaultReply(Replies.openAiFlood(FLOOD));
    try (SlowReader client = new SlowReader(h.gateway.proxyPort(), "/v1/chat/completions",
        GatewayHarness.chatStream("gpt-test"))) {
      client.read(READ);

      h.upstream.awaitCancelledStreams(1, Duration.ofSeconds(10));
      Poll.until("the key is free", Duration.ofSeconds(5),
          () -> h.gateway.keyPool().snapshots().stream().allMatch(k -> k.inFlight() == 0));
      JsonNode record = record(client);
      assertThat(record.path("outcome").asText()).isEqualTo("client_abort");
      assertThat(record.path("attempts").get(0).path("failure_class").textValue()).isNull();
      assertThat(record.path("attempts").get(0).path("message").asText()).contains("did not read");
      assertThat(failures()).isZero();
      assertThat(h.upstream.streamedBytes()).isLessThan(FLOOD);
    }
  }

  /** Waits until the upstream could write nothing more for half a second; returns what it wrote. */
  private long awaitUpstreamHeldBack() {
    long[] last = {-1};
    long[] since = {System.nanoTime()};
    Poll.until("the upstream is held back", Duration.ofSeconds(20), () -> {
      long now = h.upstream.streamedBytes();
      if (now != last[0]) {
        last[0] = now;
        since[0] = System.nanoTime();
      }
      return System.nanoTime() - since[0] > TimeUnit.MILLISECONDS.toNanos(500);
    });
    return last[0];
  }

  private long failures() throws Exception {
    long total = 0;
    for (JsonNode k : JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body())) {
      total += k.path("live").path("total_failures").asLong();
    }
    return total;
  }

  private JsonNode record(SlowReader client) throws Exception {
    String id = client.head().lines().filter(l -> l.toLowerCase().startsWith("x-keypool-request-id:"))
        .findFirst().orElseThrow().substring("x-keypool-request-id:".length()).strip();
    JsonNode[] found = {null};
    // Generous: a stream cut short is estimated from what it served, which takes a while for megabytes.
    Poll.until("record " + id + " written", Duration.ofSeconds(30), () -> {
      try {
        var response = h.adminCall("GET", "/api/requests/" + id, null);
        found[0] = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        return found[0] != null;
      } catch (Exception e) {
        return false;
      }
    });
    return found[0];
  }
}
