package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.keypool.e2e.FakeStreamTest;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Replies;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK on a fake-stream route and on legacy completions, passed through and translated. */
class OpenAiSdkFakeStreamTest {
  static GatewayHarness h;
  static OpenAIClient openai;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(FakeStreamTest.CONFIG);
    openai = SdkClients.openAi(h);
  }

  @AfterAll
  static void stop() throws Exception {
    openai.close();
    h.close();
  }

  @Test
  void create_streaming_reassembles_a_fake_stream_behind_keep_alives() {
    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiChat("Faked stream", 5, 2).delayed(Duration.ofMillis(500)));
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("fake-gpt").addUserMessage("Hi")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().message().content()).hasValue("Faked stream");
    assertThat(whole.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(2));
    assertThat(h.upstream.requests().getFirst().bodyJson().path("stream").asBoolean(false)).isFalse();
  }

  @Test
  void completions_create_works_passed_through_and_translated() {
    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiTextCompletion("Passed", 4, 1));
    Completion passed = openai.completions().create(CompletionCreateParams.builder().model("gpt-test")
        .prompt("Say it").maxTokens(5).build());
    assertThat(passed.choices().getFirst().text()).isEqualTo("Passed");
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/completions");

    h.upstream.reset();
    h.upstream.defaultReply(Replies.anthropicMessage("Translated", 4, 1));
    Completion translated = openai.completions().create(CompletionCreateParams.builder().model("claude-test")
        .prompt("Say it").build());
    assertThat(translated.choices().getFirst().text()).isEqualTo("Translated");
    assertThat(translated.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(5));
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
  }
}
