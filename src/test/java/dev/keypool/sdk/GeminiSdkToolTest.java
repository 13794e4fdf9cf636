package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A streamed two-turn tool conversation with a Gemini 3 model through the official OpenAI and
 * Anthropic SDKs: the function call's {@code thoughtSignature} must come back to Gemini on the second
 * turn, carried by the tool call id the SDK echoes.
 */
class GeminiSdkToolTest extends SdkGateway {
  static final String ARGUMENTS = OpenAiSdkToolCallTest.ARGUMENTS;
  static final String RESULT = OpenAiSdkToolCallTest.RESULT;
  static final String SIGNATURE = "EpYCCpMCAdHtim9+pL7u/0Hc6sQx2k3=";

  @Test
  void openai_sdk_streams_a_tool_calling_conversation_with_a_gemini_model() throws Exception {
    h.upstream.defaultReply(Replies.geminiToolCall("get_weather", ARGUMENTS, SIGNATURE));
    ChatCompletionCreateParams question = OpenAiSdkToolCallTest.weatherQuestion().model("gemini-test")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (var stream = openai.chat().completions().createStreaming(question)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(whole.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(12));
    ChatCompletionMessage message = whole.choices().getFirst().message();
    ChatCompletionMessageFunctionToolCall call = OpenAiSdkToolCallTest.onlyFunctionCall(message);
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(new ObjectMapper().readTree(call.function().arguments())).isEqualTo(new ObjectMapper().readTree(ARGUMENTS));
    assertThat(h.upstream.requests().getFirst().path()).endsWith(":streamGenerateContent");

    h.upstream.reset();
    h.upstream.defaultReply(Replies.geminiText("It is 21 degrees", " and clear."));
    assertThat(ToolTurns.openAiAnswer(openai, "gemini-test", message, call.id(), RESULT))
        .isEqualTo("It is 21 degrees and clear.");
    assertSecondTurnCarriesTheSignature(h.upstream.requests().getFirst());
  }

  @Test
  void anthropic_sdk_streams_a_tool_use_conversation_with_a_gemini_model() {
    h.upstream.defaultReply(Replies.geminiToolCall("get_weather", ARGUMENTS, SIGNATURE));
    MessageCreateParams question = AnthropicSdkToolUseTest.weatherQuestion().model("gemini-test").build();

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (var stream = anthropic.messages().createStreaming(question)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message whole = accumulator.message();
    assertThat(whole.stopReason()).hasValue(StopReason.TOOL_USE);
    assertThat(whole.usage().outputTokens()).isEqualTo(12);
    ToolUseBlock toolUse = AnthropicSdkToolUseTest.onlyToolUse(whole);
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(AnthropicSdkToolUseTest.INPUT_MAP);

    h.upstream.reset();
    h.upstream.defaultReply(Replies.geminiText("It is 21 degrees", " and clear."));
    assertThat(ToolTurns.anthropicAnswer(anthropic, "gemini-test", whole, toolUse.id(), RESULT))
        .isEqualTo("It is 21 degrees and clear.");
    assertSecondTurnCarriesTheSignature(h.upstream.requests().getFirst());
  }

  /** The second turn as Gemini receives it: the call with its signature, then the function's response. */
  private static void assertSecondTurnCarriesTheSignature(RecordedRequest sent) {
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-upstream:streamGenerateContent");
    JsonNode contents = sent.bodyJson().path("contents");
    assertThat(contents.at("/1/role").asText()).isEqualTo("model");
    assertThat(contents.at("/1/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
    assertThat(contents.at("/1/parts/0/functionCall/args/city").asText()).isEqualTo("Paris");
    assertThat(contents.at("/1/parts/0/thoughtSignature").asText()).isEqualTo(SIGNATURE);
    assertThat(contents.at("/2/role").asText()).isEqualTo("user");
    assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
    assertThat(contents.at("/2/parts/0/functionResponse/response/temperature").asInt()).isEqualTo(21);
  }
}
