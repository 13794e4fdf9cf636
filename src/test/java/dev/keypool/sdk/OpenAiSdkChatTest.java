package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK as a client of the gateway: chat completions, streams, embeddings and models. */
class OpenAiSdkChatTest extends SdkGateway {
  static ChatCompletionCreateParams.Builder hello() {
    return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("Say hello");
  }

  @Test
  void openai_sdk_gets_a_plain_chat_completion_with_the_upstream_answer() {
    h.upstream.defaultReply(Replies.openAiChat("Bonjour from the upstream", 7, 4));

    ChatCompletion completion = openai.chat().completions().create(hello().build());

    assertThat(completion.choices()).singleElement().satisfies(c -> {
      assertThat(c.message().content()).hasValue("Bonjour from the upstream");
      assertThat(c.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    });
    assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(11));
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.model()).isEqualTo("gpt-upstream");
    assertThat(sent.bodyJson().at("/messages/0/content").asText()).isEqualTo("Say hello");
    assertThat(sent.key()).isIn("sk-a", "sk-b");
  }

  @Test
  void openai_sdk_reassembles_a_streamed_completion_from_its_chunks() {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(9, 4, "Stream", "ed ", "hel", "lo"));
    ChatCompletionCreateParams params = hello()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    StringBuilder text = new StringBuilder();
    int contentChunks = 0;
    try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        accumulator.accumulate(chunk);
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          String piece = choice.delta().content().orElse("");
          if (!piece.isEmpty()) {
            contentChunks++;
            text.append(piece);
          }
        }
      }
    }

    assertThat(text).hasToString("Streamed hello");
    assertThat(contentChunks).as("the deltas arrive as separate chunks").isEqualTo(4);
    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().message().content()).hasValue("Streamed hello");
    assertThat(whole.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(4));
    assertThat(h.upstream.requests().getFirst().bodyJson().path("stream").asBoolean()).isTrue();
  }

  @Test
  void openai_sdk_receives_one_vector_per_embedding_input() {
    EmbeddingCreateParams params = EmbeddingCreateParams.builder()
        .model("embed-test").inputOfArrayOfStrings(List.of("first", "second")).build();

    CreateEmbeddingResponse response = openai.embeddings().create(params);

    assertThat(response.data()).hasSize(2);
    assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L);
    assertThat(response.data()).allSatisfy(e -> assertThat(e.embedding()).hasSize(8));
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/embeddings");
    assertThat(sent.model()).isEqualTo("embed-test");
    assertThat(sent.bodyJson().path("input").size()).isEqualTo(2);
  }

  @Test
  void openai_sdk_lists_every_gateway_route_as_a_model() {
    List<Model> models = openai.models().list().data();

    assertThat(models).extracting(Model::id).containsExactlyInAnyOrder("gpt-test", "claude-test", "embed-test", "cross-test", "gemini-test");
    assertThat(h.upstream.requests()).as("answered by the gateway itself").isEmpty();
  }
}
