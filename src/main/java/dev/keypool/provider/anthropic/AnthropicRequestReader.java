package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an Anthropic messages request body into a {@link ChatRequest}. The {@code tool_result} blocks
 * of a user turn become a {@link Role#TOOL} message and the rest of that turn a user message after it;
 * {@code metadata.user_id} becomes the user. Streams always carry usage in this format, so a streamed
 * request asks for it.
 */
final class AnthropicRequestReader {
  private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "metadata",
      "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice");

  private AnthropicRequestReader() {}

  static ChatRequest read(JsonNode body) {
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      List<ContentPart> parts = AnthropicContent.read(m.get("content"));
      if ("assistant".equals(Nodes.text(m, "role"))) {
        messages.add(new Message(Role.ASSISTANT, parts));
      } else {
        Message.addUserTurn(parts, messages);
      }
    }
    JsonNode choice = body.get("tool_choice");
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    return new ChatRequest(Nodes.text(body, "model"), AnthropicContent.read(body.get("system")), messages,
        tools(body.path("tools")), toolChoice(choice),
        choice != null && choice.path("disable_parallel_tool_use").asBoolean(false) ? Boolean.FALSE : null,
        Nodes.integer(body, "max_tokens"), Nodes.decimal(body, "temperature"), Nodes.decimal(body, "top_p"),
        Nodes.integer(body, "top_k"), Nodes.strings(body.get("stop_sequences")), stream, stream,
        Nodes.text(body.path("metadata"), "user_id"), Nodes.unknownFields(ProviderFormat.ANTHROPIC, body, KNOWN), null);
  }

  /** Client tools only: server tools ({@code web_search_...}) have no canonical counterpart. */
  private static List<Tool> tools(JsonNode tools) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : tools) {
      if (t.has("input_schema")) {
        out.add(new Tool(Nodes.text(t, "name"), Nodes.text(t, "description"), t.get("input_schema")));
      }
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice == null || !choice.isObject()) {
      return null;
    }
    return switch (String.valueOf(Nodes.text(choice, "type"))) {
      case "none" -> ToolChoice.NONE;
      case "any" -> ToolChoice.REQUIRED;
      case "tool" -> ToolChoice.specific(Nodes.text(choice, "name"));
      default -> ToolChoice.AUTO;
    };
  }
}
