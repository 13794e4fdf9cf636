package dev.keypool.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.Thinking;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OpenAI {@code chat.completion} body (its first choice) into a {@link ChatResponse}:
 * reasoning ({@code reasoning_content} as DeepSeek and vLLM send it, or {@code reasoning}) first, then
 * the text or refusal, then the tool calls.
 */
final class OpenAiResponseReader {
  private static final Set<String> KNOWN = Set.of("id", "object", "model", "choices", "usage");

  private OpenAiResponseReader() {}

  static ChatResponse read(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<ContentPart> parts = new ArrayList<>();
    String reasoning = reasoning(message);
    if (reasoning != null && !reasoning.isEmpty()) {
      parts.add(new Thinking(reasoning, null));
    }
    String content = Nodes.text(message, "content");
    if (content != null && !content.isEmpty()) {
      parts.add(new Text(content));
    } else if (message.path("content").isArray()) {
      parts.addAll(OpenAiContent.read(message.get("content")));
    }
    String refusal = Nodes.text(message, "refusal");
    if (refusal != null) {
      parts.add(new Text(refusal));
    }
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode fn = call.path("function");
      parts.add(new ToolCall(Nodes.text(call, "id"), Nodes.text(fn, "name"), Nodes.text(fn, "arguments")));
    }
    return new ChatResponse(Nodes.text(body, "id"), Nodes.text(body, "model"), parts,
        OpenAiFinishReasons.read(Nodes.text(choice, "finish_reason")), null, OpenAiUsage.read(body.get("usage")),
        Nodes.unknownFields(ProviderFormat.OPENAI, body, KNOWN));
  }

  /** The reasoning text of a message or a stream delta, whichever field the host uses; null when none. */
  static String reasoning(JsonNode message) {
    String r = Nodes.text(message, "reasoning_content");
    return r != null ? r : Nodes.text(message, "reasoning");
  }
}
