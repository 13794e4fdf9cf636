package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.keypool.testkit.Replies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Function calling through the gateway with the OpenAI Java SDK: the call comes back, the tool result goes out. */
class OpenAiSdkToolCallTest extends SdkGateway {
  static final String ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
  static final String RESULT = "{\"temperature\":21,\"sky\":\"clear\"}";

  static ChatCompletionCreateParams.Builder weatherQuestion() {
    FunctionParameters schema = FunctionParameters.builder()
        .putAdditionalProperty("type", JsonValue.from("object"))
        .putAdditionalProperty("properties", JsonValue.from(Map.of(
            "city", Map.of("type", "string"), "unit", Map.of("type", "string"))))
        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
        .build();
    return ChatCompletionCreateParams.builder()
        .model("gpt-test")
        .addUserMessage("What is the weather in Paris?")
        .addFunctionTool(FunctionDefinition.builder().name("get_weather").description("Current weather")
            .parameters(schema).build());
  }

  @Test
  void openai_sdk_parses_a_tool_call_and_the_tool_result_reaches_the_upstream_intact() {
    h.upstream.defaultReply(Replies.openAiToolCall("get_weather", ARGUMENTS));

    ChatCompletion first = openai.chat().completions().create(weatherQuestion().build());

    ChatCompletion.Choice choice = first.choices().getFirst();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call = onlyFunctionCall(choice.message());
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo(ARGUMENTS);
    JsonNode sentTool = h.upstream.requests().getFirst().bodyJson().at("/tools/0");
    assertThat(sentTool.path("type").asText()).isEqualTo("function");
    assertThat(sentTool.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(sentTool.at("/function/parameters/required/0").asText()).isEqualTo("city");

    answerWithToolResult(choice.message(), call);
  }

  @Test
  void openai_sdk_streams_a_tool_call_whose_arguments_arrive_in_fragments() {
    h.upstream.defaultReply(Replies.openAiToolCallStream("get_weather", ARGUMENTS));

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int argumentFragments = 0;
    try (StreamResponse<ChatCompletionChunk> stream =
        openai.chat().completions().createStreaming(weatherQuestion().build())) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        accumulator.accumulate(chunk);
        argumentFragments += (int) chunk.choices().stream()
            .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
            .filter(t -> t.function().flatMap(f -> f.arguments()).filter(a -> !a.isEmpty()).isPresent())
            .count();
      }
    }

    assertThat(argumentFragments).as("arguments relayed as separate fragments").isEqualTo(3);
    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessage message = whole.choices().getFirst().message();
    ChatCompletionMessageFunctionToolCall call = onlyFunctionCall(message);
    assertThat(call.id()).startsWith("call_");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo(ARGUMENTS);

    answerWithToolResult(message, call);
  }

  static ChatCompletionMessageFunctionToolCall onlyFunctionCall(ChatCompletionMessage message) {
    assertThat(message.toolCalls()).hasValueSatisfying(calls -> assertThat(calls).hasSize(1));
    return message.toolCalls().orElseThrow().getFirst().asFunction();
  }

  /** Sends the assistant turn and the tool result back; the upstream must see both as the SDK wrote them. */
  static void answerWithToolResult(ChatCompletionMessage assistant, ChatCompletionMessageFunctionToolCall call) {
    h.upstream.reset();
    h.upstream.defaultReply(Replies.openAiChat("It is 21 degrees and clear in Paris."));
    ChatCompletionCreateParams followUp = weatherQuestion()
        .addMessage(assistant)
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(RESULT).build())
        .build();

    ChatCompletion answer = openai.chat().completions().create(followUp);

    assertThat(answer.choices().getFirst().message().content()).hasValue("It is 21 degrees and clear in Paris.");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages.size()).isEqualTo(3);
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo(call.id());
    assertThat(messages.at("/1/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(messages.at("/1/tool_calls/0/function/arguments").asText()).isEqualTo(ARGUMENTS);
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo(call.id());
    assertThat(messages.at("/2/content").asText()).isEqualTo(RESULT);
  }
}
