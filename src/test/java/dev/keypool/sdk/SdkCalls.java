package dev.keypool.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One plain or streamed "Hi" through either SDK, with extra per-request headers, returning the answer's
 * text (a streamed answer reassembled from its deltas). An SDK error propagates as its exception.
 */
final class SdkCalls {
  private SdkCalls() {}

  static String openAiPlain(OpenAIClient client, String model, Map<String, String> headers) {
    return client.chat().completions().create(chat(model, headers)).choices().getFirst().message().content().orElse("");
  }

  static String openAiStreamed(OpenAIClient client, String model, Map<String, String> headers) {
    try (var stream = client.chat().completions().createStreaming(chat(model, headers))) {
      return stream.stream()
          .flatMap(chunk -> chunk.choices().stream())
          .map(choice -> choice.delta().content().orElse(""))
          .collect(Collectors.joining());
    }
  }

  static String anthropicPlain(AnthropicClient client, String model, Map<String, String> headers) {
    return client.messages().create(message(model, headers)).content().stream()
        .flatMap(block -> block.text().stream()).map(text -> text.text()).collect(Collectors.joining());
  }

  static String anthropicStreamed(AnthropicClient client, String model, Map<String, String> headers) {
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(message(model, headers))) {
      return stream.stream()
          .flatMap(event -> event.contentBlockDelta().stream())
          .flatMap(delta -> delta.delta().text().stream())
          .map(text -> text.text())
          .collect(Collectors.joining());
    }
  }

  private static ChatCompletionCreateParams chat(String model, Map<String, String> headers) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model).addUserMessage("Hi");
    headers.forEach(b::putAdditionalHeader);
    return b.build();
  }

  private static MessageCreateParams message(String model, Map<String, String> headers) {
    MessageCreateParams.Builder b = MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("Hi");
    headers.forEach(b::putAdditionalHeader);
    return b.build();
  }
}
