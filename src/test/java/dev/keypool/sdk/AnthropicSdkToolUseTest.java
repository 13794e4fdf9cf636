package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageContentParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.Replies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool use through the gateway with the Anthropic Java SDK: the tool_use block comes back, the tool_result goes out. */
class AnthropicSdkToolUseTest extends SdkGateway {
  static final String INPUT = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
  static final Map<String, Object> INPUT_MAP = Map.of("city", "Paris", "unit", "celsius");
  static final String RESULT = "{\"temperature\":21,\"sky\":\"clear\"}";

  static MessageCreateParams.Builder weatherQuestion() {
    Tool.InputSchema schema = Tool.InputSchema.builder()
        .properties(Tool.InputSchema.Properties.builder()
            .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
            .putAdditionalProperty("unit", JsonValue.from(Map.of("type", "string")))
            .build())
        .addRequired("city")
        .build();
    return MessageCreateParams.builder()
        .model("claude-test")
        .maxTokens(256)
        .addTool(Tool.builder().name("get_weather").description("Current weather").inputSchema(schema).build())
        .addUserMessage("What is the weather in Paris?");
  }

  @Test
  void anthropic_sdk_parses_tool_use_and_the_tool_result_reaches_the_upstream_intact() {
    h.upstream.defaultReply(Replies.anthropicToolUse("get_weather", INPUT));

    Message first = anthropic.messages().create(weatherQuestion().build());

    assertThat(first.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock toolUse = onlyToolUse(first);
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(INPUT_MAP);
    JsonNode sentTool = h.upstream.requests().getFirst().bodyJson().at("/tools/0");
    assertThat(sentTool.path("name").asText()).isEqualTo("get_weather");
    assertThat(sentTool.at("/input_schema/type").asText()).isEqualTo("object");
    assertThat(sentTool.at("/input_schema/required/0").asText()).isEqualTo("city");

    answerWithToolResult(first, toolUse);
  }

  @Test
  void anthropic_sdk_streams_tool_use_whose_input_arrives_in_fragments() {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", INPUT));

    MessageAccumulator accumulator = MessageAccumulator.create();
    StringBuilder partialJson = new StringBuilder();
    int fragments = 0;
    try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(weatherQuestion().build())) {
      for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
        accumulator.accumulate(event);
        String piece = event.contentBlockDelta().flatMap(d -> d.delta().inputJson()).map(j -> j.partialJson()).orElse("");
        if (!piece.isEmpty()) {
          fragments++;
          partialJson.append(piece);
        }
      }
    }

    assertThat(fragments).as("input relayed as separate input_json_delta events").isEqualTo(3);
    assertThat(partialJson).hasToString(INPUT);
    Message whole = accumulator.message();
    assertThat(whole.stopReason()).hasValue(StopReason.TOOL_USE);
    ToolUseBlock toolUse = onlyToolUse(whole);
    assertThat(toolUse.id()).startsWith("toolu_");
    assertThat(toolUse.name()).isEqualTo("get_weather");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(INPUT_MAP);

    answerWithToolResult(whole, toolUse);
  }

  static ToolUseBlock onlyToolUse(Message message) {
    List<ToolUseBlock> uses = message.content().stream().flatMap(b -> b.toolUse().stream()).toList();
    assertThat(uses).hasSize(1);
    assertThat(message.content()).allMatch(ContentBlock::isToolUse);
    return uses.getFirst();
  }

  /** Sends the assistant turn and a tool_result block back; the upstream must see both as the SDK wrote them. */
  static void answerWithToolResult(Message assistant, ToolUseBlock toolUse) {
    h.upstream.reset();
    h.upstream.defaultReply(Replies.anthropicMessage("It is 21 degrees and clear in Paris."));
    MessageCreateParams followUp = weatherQuestion()
        .addMessage(assistant)
        .addUserMessage(MessageContentParam.ofContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(toolUse.id()).content(RESULT).build()))))
        .build();

    Message answer = anthropic.messages().create(followUp);

    assertThat(answer.content().getFirst().asText().text()).isEqualTo("It is 21 degrees and clear in Paris.");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages.size()).isEqualTo(3);
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(messages.at("/1/content/0/id").asText()).isEqualTo(toolUse.id());
    assertThat(messages.at("/1/content/0/input/city").asText()).isEqualTo("Paris");
    assertThat(messages.at("/2/role").asText()).isEqualTo("user");
    assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo(toolUse.id());
    assertThat(messages.at("/2/content/0/content").asText()).isEqualTo(RESULT);
  }
}
