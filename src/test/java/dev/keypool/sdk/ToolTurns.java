package dev.keypool.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageContentParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.openai.client.OpenAIClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.List;

/**
 * The second turn of the weather tool conversation through either SDK: the question again, the
 * assistant's tool call as the SDK accumulated it, the tool's result, streamed; returns the answer text.
 */
final class ToolTurns {
  private ToolTurns() {}

  static String openAiAnswer(OpenAIClient client, String model, ChatCompletionMessage toolCall, String callId,
      String result) {
    ChatCompletionCreateParams followUp = OpenAiSdkToolCallTest.weatherQuestion().model(model)
        .addMessage(toolCall)
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(callId).content(result).build())
        .build();
    ChatCompletionAccumulator answer = ChatCompletionAccumulator.create();
    try (var stream = client.chat().completions().createStreaming(followUp)) {
      stream.stream().forEach(answer::accumulate);
    }
    return answer.chatCompletion().choices().getFirst().message().content().orElse("");
  }

  static String anthropicAnswer(AnthropicClient client, String model, Message toolUse, String toolUseId,
      String result) {
    MessageCreateParams followUp = AnthropicSdkToolUseTest.weatherQuestion().model(model)
        .addMessage(toolUse)
        .addUserMessage(MessageContentParam.ofContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(toolUseId).content(result).build()))))
        .build();
    MessageAccumulator answer = MessageAccumulator.create();
    try (var stream = client.messages().createStreaming(followUp)) {
      stream.stream().forEach(answer::accumulate);
    }
    return answer.message().content().getFirst().asText().text();
  }
}
