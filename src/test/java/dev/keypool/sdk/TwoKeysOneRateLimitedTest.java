package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance scenario of this release, driven by both official SDKs: of two upstream keys per
 * provider, key {@code a} answers every request with 429 and {@code retry-after: 30}; every client call
 * still succeeds, the 429 key is tried once per cooldown and rests for its retry-after, and the upstream
 * never sees who the client is.
 */
class TwoKeysOneRateLimitedTest {
  static final int N = 10;
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  static final String ANSWER = "Hello from the fake upstream";

  GatewayHarness h;
  OpenAIClient openai;
  AnthropicClient anthropic;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.standard();
    h.upstream.script("sk-a", Replies.rateLimited(WireFormat.OPENAI, RETRY_AFTER));
    h.upstream.script("ant-a", Replies.rateLimited(WireFormat.ANTHROPIC, RETRY_AFTER));
    openai = SdkClients.openAi(h);
    anthropic = SdkClients.anthropic(h);
  }

  @AfterEach
  void stop() throws Exception {
    openai.close();
    anthropic.close();
    h.close();
  }

  String openAiCall(int i) {
    return i % 2 == 0 ? SdkCalls.openAiPlain(openai, "gpt-test", ClientIdentity.HEADERS)
        : SdkCalls.openAiStreamed(openai, "gpt-test", ClientIdentity.HEADERS);
  }

  String anthropicCall(int i) {
    return i % 2 == 0 ? SdkCalls.anthropicPlain(anthropic, "claude-test", ClientIdentity.HEADERS)
        : SdkCalls.anthropicStreamed(anthropic, "claude-test", ClientIdentity.HEADERS);
  }

  @Test
  void openai_sdk_calls_all_succeed_while_the_rate_limited_key_cools_down_for_its_retry_after() throws Exception {
    runScenario("openai", "sk-a", "sk-b", this::openAiCall);
  }

  @Test
  void anthropic_sdk_calls_all_succeed_while_the_rate_limited_key_cools_down_for_its_retry_after() throws Exception {
    runScenario("anthropic", "ant-a", "ant-b", this::anthropicCall);
  }

  @Test
  void the_upstream_sees_only_provider_keys_and_nothing_of_the_client_from_either_sdk() {
    openai.close();
    openai = SdkClients.openAi(h).withOptions(b -> b.organization(ClientIdentity.ORGANIZATION).project(ClientIdentity.PROJECT));
    for (int i = 0; i < 4; i++) {
      assertThat(openAiCall(i)).isEqualTo(ANSWER);
      assertThat(anthropicCall(i)).isEqualTo(ANSWER);
    }

    assertThat(h.upstream.requestsFor("sk-a")).as("the failed-over 429 attempt is checked too").hasSize(1);
    assertThat(h.upstream.requestsFor("ant-a")).hasSize(1);
    var toOpenAi = h.upstream.requests().stream().filter(r -> r.path().startsWith("/v1/chat")).toList();
    var toAnthropic = h.upstream.requests().stream().filter(r -> r.path().startsWith("/v1/messages")).toList();
    assertThat(toOpenAi).hasSize(5);
    assertThat(toAnthropic).hasSize(5);
    ClientIdentity.assertNoneReachedTheUpstream(toOpenAi, Set.of("sk-a", "sk-b"), true);
    ClientIdentity.assertNoneReachedTheUpstream(toAnthropic, Set.of("ant-a", "ant-b"), false);
  }

  /** One SDK call, plain for even {@code i} and streamed for odd; returns the answer's text. */
  interface Call {
    String make(int i);
  }

  void runScenario(String provider, String limited, String healthy, Call call) throws Exception {
    for (int i = 0; i < 2 * N; i++) {
      assertThat(call.make(i)).as("call %d", i).isEqualTo(ANSWER);
    }
    assertThat(h.upstream.requestsFor(limited)).as("one 429 per cooldown, then none").hasSize(1);
    assertThat(h.upstream.requestsFor(healthy)).hasSize(2 * N);
    assertCoolingDownForRetryAfter(provider);

    h.clock.advance(RETRY_AFTER.minusSeconds(1));
    for (int i = 0; i < 4; i++) {
      assertThat(call.make(i)).isEqualTo(ANSWER);
    }
    assertThat(h.upstream.requestsFor(limited)).as("still cooling down one second before the end").hasSize(1);

    h.clock.advance(Duration.ofSeconds(2));
    int calls = callUntil(() -> h.upstream.requestsFor(limited).size() == 2, call);
    assertThat(calls).as("the key is tried again within one round-robin turn").isLessThanOrEqualTo(2);
    assertThat(h.upstream.requestsFor(limited)).hasSize(2);
    assertThat(h.upstream.requestsFor(limited).get(1).streaming()).as("a streamed call failed over").isTrue();
    assertCoolingDownForRetryAfter(provider);
    for (int i = 0; i < 4; i++) {
      assertThat(call.make(i)).isEqualTo(ANSWER);
    }
    assertThat(h.upstream.requestsFor(limited)).as("cooling down again after its second 429").hasSize(2);
    ClientIdentity.assertNoneReachedTheUpstream(h.upstream.requests(), Set.of(limited, healthy), provider.equals("openai"));
  }

  /** Makes successful streamed calls until {@code done} holds (at most four); returns how many it made. */
  int callUntil(BooleanSupplier done, Call call) {
    int i = 0;
    while (!done.getAsBoolean() && i < 4) {
      assertThat(call.make(2 * i + 1)).isEqualTo(ANSWER);
      i++;
    }
    return i;
  }

  void assertCoolingDownForRetryAfter(String provider) throws Exception {
    assertThat(ProviderKeyStates.state(h, provider, "a")).isEqualTo("cooling_down");
    assertThat(ProviderKeyStates.cooldownUntil(h, provider, "a")).isEqualTo(h.clock.instant().plus(RETRY_AFTER));
    assertThat(ProviderKeyStates.state(h, provider, "b")).isEqualTo("healthy");
  }
}
