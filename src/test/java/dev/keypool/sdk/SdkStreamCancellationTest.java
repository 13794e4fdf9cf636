package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An SDK stream closed early by the client: the upstream stream is cancelled and no key is blamed for it. */
class SdkStreamCancellationTest extends SdkGateway {
  static final Duration CANCEL_WITHIN = Duration.ofSeconds(5);
  static final String[] SLOW_DELTAS = {"one", " two", " three", " four", " five", " six", " seven", " eight"};

  @Test
  void closing_an_openai_sdk_stream_early_cancels_the_upstream_stream() throws Exception {
    h.upstream.defaultReply(Replies.openAiStream(SLOW_DELTAS).eventDelay(Duration.ofMillis(300)));
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("Hi").build();

    try (var stream = openai.chat().completions().createStreaming(params)) {
      Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
      String first = "";
      while (first.isEmpty()) {
        first = chunks.next().choices().getFirst().delta().content().orElse("");
      }
      assertThat(first).isEqualTo("one");
    }

    h.upstream.awaitCancelledStreams(1, CANCEL_WITHIN);
    h.upstream.defaultReply(Replies.echo());
    assertThat(SdkCalls.openAiPlain(openai, "gpt-test", Map.of())).isNotEmpty();
    assertNoKeyBlamed("openai");
  }

  @Test
  void closing_an_anthropic_sdk_stream_early_cancels_the_upstream_stream() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStream(SLOW_DELTAS).eventDelay(Duration.ofMillis(300)));
    MessageCreateParams params = MessageCreateParams.builder().model("claude-test").maxTokens(64)
        .addUserMessage("Hi").build();

    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
      Iterator<RawMessageStreamEvent> events = stream.stream().iterator();
      assertThat(events.next().isMessageStart()).isTrue();
    }

    h.upstream.awaitCancelledStreams(1, CANCEL_WITHIN);
    h.upstream.defaultReply(Replies.echo());
    assertThat(SdkCalls.anthropicPlain(anthropic, "claude-test", Map.of())).isNotEmpty();
    assertNoKeyBlamed("anthropic");
  }

  static void assertNoKeyBlamed(String provider) throws Exception {
    // The gateway releases the key when its upstream request has been reset, just after the upstream saw the cancel.
    Poll.until("no key in flight", Duration.ofSeconds(3),
        () -> h.gateway.keyPool().snapshots().stream().allMatch(k -> k.inFlight() == 0));
    for (String name : new String[] {"a", "b"}) {
      var live = ProviderKeyStates.live(h, provider, name);
      assertThat(live.path("state").asText()).as(provider + "/" + name).isEqualTo("healthy");
      assertThat(live.path("total_failures").asLong()).as(provider + "/" + name).isZero();
      assertThat(live.path("in_flight").asInt()).as(provider + "/" + name).isZero();
    }
  }
}
