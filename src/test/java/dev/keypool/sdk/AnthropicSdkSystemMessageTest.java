package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.Replies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic SDK sending what Claude Code sends: a {@code role: "system"} message inside
 * {@code messages} after the user's prompt, with adaptive thinking and an effort, to a GPT route and
 * to a Gemini route. The upstream must see the prompt as the last user turn and the reminder as system
 * content; the SDK must parse the answer.
 */
class AnthropicSdkSystemMessageTest extends SdkGateway {
  static final String PROMPT = "What is 2 + 2?";
  static final String REMINDER = "Reminder: answer with digits only.";

  static MessageCreateParams question(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(32000)
        .system("You are a calculator.")
        .addUserMessage(PROMPT)
        .addSystemMessage(REMINDER)
        .putAdditionalBodyProperty("thinking", JsonValue.from(Map.of("type", "adaptive")))
        .putAdditionalBodyProperty("output_config", JsonValue.from(Map.of("effort", "high")))
        .build();
  }

  @Test
  void a_gpt_route_gets_the_reminder_as_a_system_message_after_the_prompt() {
    h.upstream.defaultReply(Replies.openAiStream("4"));

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (var stream = anthropic.messages().createStreaming(question("gpt-test"))) {
      for (RawMessageStreamEvent event : (Iterable<RawMessageStreamEvent>) stream.stream()::iterator) {
        accumulator.accumulate(event);
      }
    }

    assertThat(AnthropicSdkMessagesTest.text(accumulator.message())).isEqualTo("4");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.at("/0/role").asText()).isEqualTo("system");
    assertThat(messages.at("/0/content").asText()).isEqualTo("You are a calculator.");
    assertThat(messages.at("/1/role").asText()).as("the prompt is the last user turn").isEqualTo("user");
    assertThat(messages.at("/1/content").asText()).isEqualTo(PROMPT);
    assertThat(messages.at("/2/role").asText()).isEqualTo("system");
    assertThat(messages.at("/2/content").asText()).isEqualTo(REMINDER);
    assertThat(h.upstream.requests().getFirst().bodyJson().has("reasoning_effort"))
        .as("gpt-upstream is no reasoning model: it would refuse reasoning_effort").isFalse();
  }

  @Test
  void a_gemini_route_gets_the_reminder_in_the_system_instruction() {
    h.upstream.defaultReply(Replies.geminiText("4"));

    Message message = anthropic.messages().create(question("gemini-test"));

    assertThat(AnthropicSdkMessagesTest.text(message)).isEqualTo("4");
    JsonNode body = h.upstream.requests().getFirst().bodyJson();
    assertThat(body.path("contents")).hasSize(1);
    assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo(PROMPT);
    assertThat(body.at("/contents/0/parts")).as("the reminder is not merged into the user turn").hasSize(1);
    assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a calculator.");
    assertThat(body.at("/systemInstruction/parts/1/text").asText()).isEqualTo(REMINDER);
    assertThat(body.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(16384);
    assertThat(body.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();
  }
}
