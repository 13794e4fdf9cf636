package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Extras;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Anthropic messages request body into a {@link ChatRequest}. The {@code tool_result} blocks
 * of a user turn become a {@link Role#TOOL} message and the rest of that turn a user message after it;
 * {@code metadata.user_id} becomes the user. Streams always carry usage in this format, so a streamed
 * request asks for it.
 *
 * <p>{@code system} (and {@code developer}) messages inside {@code messages} (Claude Code's reminders,
 * Anthropic's mid-conversation system messages): those before the first user or assistant turn join
 * the request's {@code system}, later ones become {@link Role#SYSTEM} messages at their place, never a
 * user turn. {@code thinking} and {@code output_config.effort} become the request's reasoning
 * ({@link AnthropicReasoning}); other {@code output_config} fields stay Anthropic-only extras.
 *
 * <p>Dropped when translating, on purpose: {@code cache_control} marks (the other formats cache
 * prefixes on their own), the tools' {@code defer_loading} (a deferred tool is sent as a plain tool the
 * model can call directly), server tools such as {@code web_search} or the tool search tools (they run
 * on Anthropic's side), and beta fields such as {@code context_management} (context editing is an
 * Anthropic server feature; the target gets the whole conversation), which stay extras for an
 * Anthropic upstream. So is the {@code x-anthropic-billing-header: ...} text block Claude Code puts
 * first in {@code system}: attribution for Anthropic's billing, not an instruction to the model.
 */
final class AnthropicRequestReader {
  private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "metadata",
      "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "output_config");

  private AnthropicRequestReader() {}

  static ChatRequest read(JsonNode body) {
    List<ContentPart> system = AnthropicContent.read(body.get("system"));
    system.removeIf(AnthropicRequestReader::billingHeader);
    List<Message> messages = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      List<ContentPart> parts = AnthropicContent.read(m.get("content"));
      String role = String.valueOf(Nodes.text(m, "role"));
      if (role.equals("system") || role.equals("developer")) {
        List<ContentPart> text = parts.stream().filter(p -> p instanceof ContentPart.Text).toList();
        if (messages.isEmpty()) {
          system.addAll(text);
        } else if (!text.isEmpty()) {
          messages.add(new Message(Role.SYSTEM, text));
        }
      } else if (role.equals("assistant")) {
        messages.add(new Message(Role.ASSISTANT, parts));
      } else {
        Message.addUserTurn(parts, messages);
      }
    }
    JsonNode choice = body.get("tool_choice");
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    return new ChatRequest(Nodes.text(body, "model"), system, messages,
        tools(body.path("tools")), toolChoice(choice),
        choice != null && choice.path("disable_parallel_tool_use").asBoolean(false) ? Boolean.FALSE : null,
        Nodes.integer(body, "max_tokens"), Nodes.decimal(body, "temperature"), Nodes.decimal(body, "top_p"),
        Nodes.integer(body, "top_k"), Nodes.strings(body.get("stop_sequences")), stream, stream,
        Nodes.text(body.path("metadata"), "user_id"), extras(body),
        AnthropicReasoning.read(body.get("thinking"), body.get("output_config")));
  }

  private static boolean billingHeader(ContentPart part) {
    return part instanceof ContentPart.Text t && t.text() != null && t.text().startsWith("x-anthropic-billing-header:");
  }

  /** The unknown fields, plus the {@code output_config} fields other than the effort read as reasoning. */
  private static Extras extras(JsonNode body) {
    Extras unknown = Nodes.unknownFields(ProviderFormat.ANTHROPIC, body, KNOWN);
    if (!(body.get("output_config") instanceof ObjectNode config) || config.size() == (config.has("effort") ? 1 : 0)) {
      return unknown;
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>(unknown.fields());
    fields.put("output_config", config.deepCopy().without("effort"));
    return new Extras(ProviderFormat.ANTHROPIC, fields);
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
