package dev.keypool.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OpenAI chat completions request body into a {@link ChatRequest}. {@code system} and
 * {@code developer} messages before the first turn become the system prompt, later ones
 * {@link Role#SYSTEM} messages at their place; each {@code tool} message becomes a {@link Role#TOOL}
 * message with one result; {@code reasoning_effort} becomes the reasoning ({@link OpenAiReasoning}).
 */
final class OpenAiRequestReader {
  private static final Set<String> KNOWN = Set.of("model", "messages", "tools", "tool_choice",
      "parallel_tool_calls", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "stream",
      "stream_options", "user", "reasoning_effort");

  private OpenAiRequestReader() {}

  static ChatRequest read(JsonNode body) {
    List<ContentPart> system = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = Nodes.text(m, "role");
      switch (role == null ? "" : role) {
        case "system", "developer" -> {
          if (messages.isEmpty()) {
            system.addAll(OpenAiContent.read(m.get("content")));
          } else {
            messages.add(new Message(Role.SYSTEM, OpenAiContent.read(m.get("content"))));
          }
        }
        case "user" -> messages.add(new Message(Role.USER, OpenAiContent.read(m.get("content"))));
        case "assistant" -> messages.add(new Message(Role.ASSISTANT, assistant(m)));
        case "tool" -> messages.add(new Message(Role.TOOL, List.of(new ToolResult(
            Nodes.text(m, "tool_call_id"), OpenAiContent.read(m.get("content")), false))));
        default -> { }
      }
    }
    Integer maxTokens = Nodes.integer(body, "max_completion_tokens");
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    return new ChatRequest(Nodes.text(body, "model"), system, messages, tools(body.path("tools")),
        toolChoice(body.get("tool_choice")), Nodes.bool(body, "parallel_tool_calls"),
        maxTokens != null ? maxTokens : Nodes.integer(body, "max_tokens"),
        Nodes.decimal(body, "temperature"), Nodes.decimal(body, "top_p"), null, Nodes.strings(body.get("stop")),
        stream, stream && body.path("stream_options").path("include_usage").asBoolean(false),
        Nodes.text(body, "user"), Nodes.unknownFields(ProviderFormat.OPENAI, body, KNOWN),
        OpenAiReasoning.read(Nodes.text(body, "reasoning_effort")));
  }

  private static List<ContentPart> assistant(JsonNode m) {
    List<ContentPart> parts = OpenAiContent.read(m.get("content"));
    for (JsonNode call : m.path("tool_calls")) {
      JsonNode fn = call.path("function");
      parts.add(new ToolCall(Nodes.text(call, "id"), Nodes.text(fn, "name"), Nodes.text(fn, "arguments")));
    }
    return parts;
  }

  private static List<Tool> tools(JsonNode tools) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : tools) {
      JsonNode fn = t.path("function");
      if ("function".equals(Nodes.text(t, "type"))) {
        out.add(new Tool(Nodes.text(fn, "name"), Nodes.text(fn, "description"), fn.get("parameters")));
      }
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isObject()) {
      return ToolChoice.specific(Nodes.text(choice.path("function"), "name"));
    }
    return switch (choice.asText()) {
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> ToolChoice.AUTO;
    };
  }
}
