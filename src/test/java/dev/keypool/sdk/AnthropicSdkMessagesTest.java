package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.models.ModelInfo;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK as a client of the gateway: messages, streams, count_tokens, models, auth styles. */
class AnthropicSdkMessagesTest extends SdkGateway {
  static MessageCreateParams hello() {
    return MessageCreateParams.builder().model("claude-test").maxTokens(64).addUserMessage("Say hello").build();
  }

  static String text(Message message) {
    return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).collect(Collectors.joining());
  }

  @Test
  void anthropic_sdk_gets_a_plain_message_with_the_upstream_answer() {
    h.upstream.defaultReply(Replies.anthropicMessage("Bonjour from Claude", 8, 3));

    Message message = anthropic.messages().create(hello());

    assertThat(text(message)).isEqualTo("Bonjour from Claude");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(3);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.model()).isEqualTo("claude-upstream");
    assertThat(sent.bodyJson().path("max_tokens").asInt()).isEqualTo(64);
    assertThat(sent.header("x-api-key")).isIn("ant-a", "ant-b");
    // The SDK (3.12) sends 2026-10-21; a passed-through body keeps the version it was written for,
    // even though the provider's configured (default) version is 2023-06-01.
    assertThat(sent.header("anthropic-version")).isEqualTo("2026-10-21");
  }

  @Test
  void anthropic_sdk_accumulates_the_text_of_a_streamed_message() {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(10, 5, "Stream", "ed ", "hel", "lo"));

    MessageAccumulator accumulator = MessageAccumulator.create();
    StringBuilder text = new StringBuilder();
    int textDeltas = 0;
    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(hello())) {
      for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
        accumulator.accumulate(event);
        String piece = event.contentBlockDelta().flatMap(d -> d.delta().text()).map(t -> t.text()).orElse(null);
        if (piece != null) {
          textDeltas++;
          text.append(piece);
        }
      }
    }

    assertThat(text).hasToString("Streamed hello");
    assertThat(textDeltas).as("the deltas arrive as separate events").isEqualTo(4);
    Message whole = accumulator.message();
    assertThat(text(whole)).isEqualTo("Streamed hello");
    assertThat(whole.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(whole.usage().outputTokens()).isEqualTo(5);
    assertThat(h.upstream.requests().getFirst().streaming()).isTrue();
  }

  @Test
  void anthropic_sdk_counts_tokens_through_the_gateway() {
    h.upstream.defaultReply(Replies.anthropicCountTokens(42));

    long tokens = anthropic.messages().countTokens(MessageCountTokensParams.builder()
        .model("claude-test").addUserMessage("How many tokens is this?").build()).inputTokens();

    assertThat(tokens).isEqualTo(42);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
    assertThat(sent.model()).isEqualTo("claude-upstream");
  }

  @Test
  void anthropic_sdk_authenticates_with_a_bearer_auth_token() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("bearer works"));

    AnthropicClient bearer = SdkClients.anthropicWithBearer(h);
    try {
      Message message = bearer.messages().create(hello());
      assertThat(text(message)).isEqualTo("bearer works");
    } finally {
      bearer.close();
    }

    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.header("x-api-key")).isIn("ant-a", "ant-b");
    assertThat(sent.header("authorization")).as("the client's bearer token is not forwarded").isNull();
  }

  @Test
  void anthropic_sdk_lists_the_gateway_routes_as_models() {
    assertThat(anthropic.models().list().data()).extracting(ModelInfo::id)
        .containsExactlyInAnyOrder("gpt-test", "claude-test", "embed-test", "cross-test", "gemini-test");
    assertThat(h.upstream.requests()).as("answered by the gateway itself").isEmpty();
  }
}
