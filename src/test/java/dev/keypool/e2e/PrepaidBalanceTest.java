package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.quota.PrepaidBalances;
import dev.keypool.quota.Tenancy;
import dev.keypool.server.Quotas;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prepaid user's requests are admitted only while the balance covers their estimates on top of
 * those in flight, and are charged their real cost; refusals are 402 in the caller's format.
 */
class PrepaidBalanceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Every key belongs to user u1. */
  static final Tenancy OWNED = key -> new Tenancy.Owner("u1", null, List.of());
  static final String CAPPED_STREAM = "{\"model\":\"gpt-test\",\"stream\":true,\"max_tokens\":10,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  /** An in-memory balance that remembers the lowest it went. */
  static final class Balances implements PrepaidBalances {
    final AtomicLong balance;
    final AtomicLong lowest;
    final List<String> charged = java.util.Collections.synchronizedList(new ArrayList<>());

    Balances(long nanos) {
      balance = new AtomicLong(nanos);
      lowest = new AtomicLong(nanos);
    }

    @Override
    public OptionalLong availableNanos(String userId) {
      return "u1".equals(userId) ? OptionalLong.of(balance.get()) : OptionalLong.empty();
    }

    @Override
    public void charge(String userId, long nanos, String requestId) {
      long left = balance.addAndGet(-nanos);
      lowest.accumulateAndGet(left, Math::min);
      charged.add(requestId);
    }
  }

  GatewayHarness h;
  Balances balances = new Balances(100_000_000L); // $0.10

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(QuotaLimitsTest.PRICED, new Quotas.Extensions(OWNED, balances));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void concurrent_streams_never_overspend_and_are_charged_their_real_cost() throws Exception {
    // Each stream really costs $0.01 (5 + 5 tokens at $1000/M); its estimate is about $0.035.
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(5, 5, "a ", "b ", "c ").eventDelay(Duration.ofMillis(200)));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> post(CAPPED_STREAM)));
    }
    int ok = 0;
    int refused = 0;
    for (var c : calls) {
      int status = c.get().statusCode();
      if (status == 200) {
        ok++;
      } else {
        assertThat(status).isEqualTo(402);
        refused++;
      }
    }
    assertThat(ok).isBetween(1, 2);
    assertThat(refused).isEqualTo(8 - ok);
    assertThat(h.upstream.requests()).hasSize(ok);

    // One at a time until the balance no longer covers an estimate: it never goes below zero.
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(5, 5, "a "));
    int status;
    int served = ok;
    while ((status = post(CAPPED_STREAM).statusCode()) == 200) {
      served++;
      assertThat(served).isLessThan(20);
    }
    assertThat(status).isEqualTo(402);
    Poll.until("every served request charged", Duration.ofSeconds(5),
        () -> balances.charged.size() == h.upstream.requests().size());
    assertThat(balances.lowest.get()).isGreaterThanOrEqualTo(0);
    assertThat(balances.balance.get()).isEqualTo(100_000_000L - 10_000_000L * h.upstream.requests().size());
  }

  @Test
  void refusal_is_402_in_each_format() throws Exception {
    balances.balance.set(1_000); // far less than any estimate
    HttpResponse<String> openAi = post(CAPPED_STREAM);
    assertThat(openAi.statusCode()).isEqualTo(402);
    JsonNode e = JSON.readTree(openAi.body()).path("error");
    assertThat(e.path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(e.path("code").asText()).isEqualTo("insufficient_quota");
    assertThat(e.path("message").asText()).startsWith("Insufficient balance");

    HttpResponse<String> anthropic = h.post("/v1/messages", GatewayHarness.message("claude-test"),
        "anthropic-version", "2023-06-01");
    assertThat(anthropic.statusCode()).isEqualTo(402);
    JsonNode a = JSON.readTree(anthropic.body());
    assertThat(a.path("type").asText()).isEqualTo("error");
    assertThat(a.path("error").path("type").asText()).isEqualTo("billing_error");
    assertThat(a.path("error").path("message").asText()).startsWith("Insufficient balance");
    assertThat(h.upstream.requests()).isEmpty();
  }

  private HttpResponse<String> post(String body) {
    try {
      return h.post("/v1/chat/completions", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
