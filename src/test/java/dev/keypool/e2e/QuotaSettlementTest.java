package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitKind;
import dev.keypool.quota.LimitScope;
import dev.keypool.quota.Period;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reservations end as the request did: settled to the recorded usage, or released when nothing was used. */
class QuotaSettlementTest {
  GatewayHarness h;
  Limit tokens;
  Limit requests;
  Limit slots;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(QuotaLimitsTest.PRICED
        + "quotas: { gateway_key: { tokens_per_minute: 100000, requests_per_minute: 100, concurrent: 5 } }\n");
    String id = h.clientKeyId();
    tokens = new Limit(LimitScope.GATEWAY_KEY, id, LimitKind.TOKENS, Period.MINUTE, 100000);
    requests = new Limit(LimitScope.GATEWAY_KEY, id, LimitKind.REQUESTS, Period.MINUTE, 100);
    slots = Limit.concurrent(LimitScope.GATEWAY_KEY, id, 5);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  long current(Limit limit) {
    return h.gateway.quota().engine().current(limit);
  }

  @Test
  void a_stream_settles_to_its_real_tokens() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(40, 10, "a ", "b "));
    assertThat(h.post("/v1/chat/completions", GatewayHarness.chatStream("gpt-test")).statusCode()).isEqualTo(200);
    Poll.until("settled", Duration.ofSeconds(5), () -> current(tokens) == 50 && current(slots) == 0);
    assertThat(current(requests)).isEqualTo(1);
  }

  @Test
  void an_aborted_stream_settles_what_was_served() throws Exception {
    String[] deltas = new String[200];
    java.util.Arrays.fill(deltas, "tick ");
    h.upstream.defaultReply(Replies.openAiStream(deltas).eventDelay(Duration.ofMillis(50)));
    h.streamThenDisconnect(GatewayHarness.chatStream("gpt-test"), "tick", 2);
    long[] recorded = new long[1];
    Poll.until("the aborted request is recorded", Duration.ofSeconds(10), () -> {
      try (var c = h.database(); var st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT input_tokens + output_tokens + cache_read_tokens + cache_write_tokens, "
              + "outcome FROM request_records")) {
        if (rs.next()) {
          assertThat(rs.getString(2)).isEqualTo("client_abort");
          recorded[0] = rs.getLong(1);
          return true;
        }
        return false;
      } catch (java.sql.SQLException e) {
        return false;
      }
    });
    assertThat(recorded[0]).isPositive();
    Poll.until("settled to the record", Duration.ofSeconds(5), () -> current(tokens) == recorded[0]);
    assertThat(current(slots)).isZero();
  }

  @Test
  void an_upstream_failure_releases_the_reservation() throws Exception {
    h.upstream.defaultReply(Replies.openAiError(500, "server_error", null, "boom"));
    assertThat(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")).statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(h.upstream.requests()).isNotEmpty();
    Poll.until("released", Duration.ofSeconds(5), () -> current(slots) == 0);
    assertThat(current(tokens)).isZero();
    assertThat(current(requests)).isZero();
  }
}
