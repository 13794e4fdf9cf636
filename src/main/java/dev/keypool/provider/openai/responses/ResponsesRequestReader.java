package dev.keypool.provider.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.provider.openai.OpenAiContent;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Extras;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import dev.keypool.translate.UntranslatableRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI Responses API request ({@code POST /v1/responses}) into a {@link ChatRequest}, for a
 * provider that serves chat only. {@code input} is a string (one user message) or a list of items:
 * messages (roles {@code user}, {@code assistant}, {@code system}, {@code developer}; content a string or
 * {@code input_text}, {@code input_image}, {@code output_text} parts), {@code function_call} and
 * {@code function_call_output}; {@code instructions} and system/developer messages become the system
 * prompt. Reasoning items from an earlier turn are dropped: they are opaque to other providers.
 *
 * <p>Stateful and hosted features have no chat equivalent and are refused rather than ignored, since
 * ignoring them would silently change the answer: {@code previous_response_id}, {@code conversation},
 * {@code prompt}, {@code background}, {@code store: true}, item references, non-function tools
 * (web search, file search, ...) and structured {@code text.format}. Fields without a chat meaning
 * ({@code metadata}, {@code include}, {@code reasoning}, ...) are not forwarded.
 */
public final class ResponsesRequestReader {

  private ResponsesRequestReader() {}

  /** @throws UntranslatableRequest when the request uses a feature that cannot be translated */
  public static ChatRequest read(JsonNode body) {
    refuseStateful(body);
    List<ContentPart> system = new ArrayList<>();
    String instructions = Nodes.text(body, "instructions");
    if (instructions != null && !instructions.isEmpty()) {
      system.add(new Text(instructions));
    }
    List<Message> messages = new ArrayList<>();
    JsonNode input = body.get("input");
    if (input != null && input.isTextual()) {
      messages.add(new Message(Role.USER, List.of(new Text(input.asText()))));
    } else if (input != null && input.isArray()) {
      for (JsonNode item : input) {
        readItem(item, system, messages);
      }
    }
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    String user = Nodes.text(body, "safety_identifier");
    return new ChatRequest(Nodes.text(body, "model"), system, messages, tools(body.path("tools")),
        toolChoice(body.get("tool_choice")), Nodes.bool(body, "parallel_tool_calls"),
        Nodes.integer(body, "max_output_tokens"), Nodes.decimal(body, "temperature"), Nodes.decimal(body, "top_p"),
        null, List.of(), stream, stream, user != null ? user : Nodes.text(body, "user"), Extras.NONE, null);
  }

  private static void refuseStateful(JsonNode body) {
    for (String field : List.of("previous_response_id", "conversation", "prompt")) {
      JsonNode v = body.get(field);
      if (v != null && !v.isNull()) {
        throw untranslatable("'" + field + "' (server-side conversation state)");
      }
    }
    if (Boolean.TRUE.equals(Nodes.bool(body, "background"))) {
      throw untranslatable("'background' (background responses)");
    }
    if (Boolean.TRUE.equals(Nodes.bool(body, "store"))) {
      throw untranslatable("'store': true (stored responses); send 'store': false or leave it out");
    }
    String format = Nodes.text(body.path("text").path("format"), "type");
    if (format != null && !format.equals("text")) {
      throw untranslatable("'text.format' of type '" + format + "' (structured output)");
    }
  }

  private static void readItem(JsonNode item, List<ContentPart> system, List<Message> messages) {
    String type = Nodes.text(item, "type");
    switch (type == null ? "message" : type) {
      case "message" -> {
        String role = Nodes.text(item, "role");
        List<ContentPart> content = content(item.get("content"));
        switch (role == null ? "" : role) {
          case "system", "developer" -> system.addAll(content);
          case "assistant" -> addTo(messages, Role.ASSISTANT, content);
          default -> addTo(messages, Role.USER, content);
        }
      }
      case "function_call" -> addTo(messages, Role.ASSISTANT, List.of(new ToolCall(Nodes.text(item, "call_id"),
          Nodes.text(item, "name"), Nodes.text(item, "arguments"))));
      // Each result is its own tool message, as chat completions sends one per call.
      case "function_call_output" -> messages.add(new Message(Role.TOOL, List.of(new ToolResult(
          Nodes.text(item, "call_id"), content(item.get("output")), false))));
      case "reasoning" -> { }
      case "item_reference" -> throw untranslatable("input items of type 'item_reference' (stored items)");
      default -> throw untranslatable("input items of type '" + type + "'");
    }
  }

  /**
   * Appends to the last message when it has the same role: the Responses API lists an assistant's text
   * and its function calls as separate items, which chat (and Anthropic) need in one assistant turn.
   */
  private static void addTo(List<Message> messages, Role role, List<ContentPart> content) {
    if (role == Role.ASSISTANT && !messages.isEmpty() && messages.getLast().role() == role) {
      List<ContentPart> joined = new ArrayList<>(messages.getLast().content());
      joined.addAll(content);
      messages.set(messages.size() - 1, new Message(role, joined));
    } else {
      messages.add(new Message(role, content));
    }
  }

  /** A string (one text part) or a list of parts; the lists returned are read-only. */
  private static List<ContentPart> content(JsonNode content) {
    if (content != null && content.isTextual()) {
      return List.of(new Text(content.asText()));
    }
    List<ContentPart> parts = new ArrayList<>();
    for (JsonNode part : content == null ? List.<JsonNode>of() : content) {
      String type = Nodes.text(part, "type");
      switch (type == null ? "" : type) {
        case "input_text", "output_text" -> parts.add(new Text(Nodes.text(part, "text")));
        case "refusal" -> parts.add(new Text(Nodes.text(part, "refusal")));
        case "input_image" -> {
          String url = Nodes.text(part, "image_url");
          if (url == null) {
            throw untranslatable("images by 'file_id' (uploaded files)");
          }
          parts.add(OpenAiContent.image(url));
        }
        default -> throw untranslatable("content parts of type '" + type + "'");
      }
    }
    return parts;
  }

  private static List<Tool> tools(JsonNode tools) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : tools) {
      String type = Nodes.text(t, "type");
      if (!"function".equals(type)) {
        throw untranslatable("tools of type '" + type + "' (only 'function' tools are translated)");
      }
      out.add(new Tool(Nodes.text(t, "name"), Nodes.text(t, "description"), t.get("parameters")));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isObject()) {
      if (!"function".equals(Nodes.text(choice, "type"))) {
        throw untranslatable("'tool_choice' of type '" + Nodes.text(choice, "type") + "'");
      }
      return ToolChoice.specific(Nodes.text(choice, "name"));
    }
    return switch (choice.asText()) {
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> ToolChoice.AUTO;
    };
  }

  private static UntranslatableRequest untranslatable(String feature) {
    return new UntranslatableRequest(feature + " is not supported when this model is served by a provider "
        + "without the Responses API: Keypool translates such requests to chat, which has no equivalent.");
  }
}
