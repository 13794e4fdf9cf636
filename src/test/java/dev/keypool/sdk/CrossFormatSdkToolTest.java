package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.keypool.testkit.Replies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A streamed tool-calling conversation across wire formats with the official SDKs: the OpenAI SDK
 * on a Claude route, the Anthropic SDK on a GPT route. Each SDK must parse the translated stream and
 * its tool result must reach the upstream in the upstream's own format.
 */
class CrossFormatSdkToolTest extends SdkGateway {
  static final String ARGUMENTS = OpenAiSdkToolCallTest.ARGUMENTS;
  static final String RESULT = OpenAiSdkToolCallTest.RESULT;

  @Test
  void openai_sdk_streams_a_tool_calling_conversation_from_a_claude_route() {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", ARGUMENTS));
    ChatCompletionCreateParams question = OpenAiSdkToolCallTest.weatherQuestion().model("claude-test")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (var stream = openai.chat().completions().createStreaming(question)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        accumulator.accumulate(chunk);
      }
    }

    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(whole.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(12));
    ChatCompletionMessage message = whole.choices().getFirst().message();
    ChatCompletionMessageFunctionToolCall call = OpenAiSdkToolCallTest.onlyFunctionCall(message);
    assertThat(call.id()).startsWith("toolu_");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo(ARGUMENTS);
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
    assertThat(sent.at("/tools/0/name").asText()).isEqualTo("get_weather");

    h.upstream.reset();
    h.upstream.defaultReply(Replies.anthropicStream("It is 21 degrees", " and clear."));
    assertThat(ToolTurns.openAiAnswer(openai, "claude-test", message, call.id(), RESULT))
        .isEqualTo("It is 21 degrees and clear.");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(messages.at("/1/content/0/id").asText()).isEqualTo(call.id());
    assertThat(messages.at("/1/content/0/input/city").asText()).isEqualTo("Paris");
    assertThat(messages.at("/2/role").asText()).isEqualTo("user");
    assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo(call.id());
  }

  @Test
  void anthropic_sdk_streams_a_tool_use_conversation_from_a_gpt_route() {
    h.upstream.defaultReply(Replies.openAiToolCallStream("get_weather", ARGUMENTS));
    MessageCreateParams question = AnthropicSdkToolUseTest.weatherQuestion().model("gpt-test").build();

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (var stream = anthropic.messages().createStreaming(question)) {
      for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
        accumulator.accumulate(event);
      }
    }

    Message whole = accumulator.message();
    assertThat(whole.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(whole.usage().outputTokens()).isEqualTo(12);
    ToolUseBlock toolUse = AnthropicSdkToolUseTest.onlyToolUse(whole);
    assertThat(toolUse.id()).startsWith("call_");
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(AnthropicSdkToolUseTest.INPUT_MAP);
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/chat/completions");
    assertThat(h.upstream.requests().getFirst().bodyJson().at("/tools/0/function/name").asText())
        .isEqualTo("get_weather");

    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiStream("It is 21 degrees", " and clear."));
    assertThat(ToolTurns.anthropicAnswer(anthropic, "gpt-test", whole, toolUse.id(), RESULT))
        .isEqualTo("It is 21 degrees and clear.");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo(toolUse.id());
    assertThat(messages.at("/1/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo(toolUse.id());
    assertThat(messages.at("/2/content").asText()).isEqualTo(RESULT);
  }
}
