package dev.keypool.provider.openai.responses;

import static dev.keypool.provider.openai.responses.ResponsesToolsReader.untranslatable;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI Responses API request ({@code POST /v1/responses}) into a {@link ChatRequest}, for a
 * provider that serves chat only. {@code input} is a string (one user message) or a list of items:
 * messages (roles {@code user}, {@code assistant}, {@code system}, {@code developer}; content a string or
 * {@code input_text}, {@code input_image}, {@code output_text} parts), {@code function_call} and
 * {@code function_call_output}, {@code custom_tool_call} and its output, {@code local_shell_call} and its
 * output. {@code instructions} and the system/developer messages before the first turn become the
 * system prompt; later ones stay where they are, as {@link Role#SYSTEM} messages (Codex sends
 * developer items between turns). Reasoning items from an earlier turn are dropped, since they are
 * opaque to other providers, except those Keypool wrote itself ({@link ReasoningCarrier}); records of
 * hosted tool calls ({@code web_search_call}) are dropped too: their results are in the messages.
 *
 * <p>Tools: see {@link ResponsesToolsReader}. {@code reasoning} becomes the canonical
 * {@link dev.keypool.translate.Reasoning}. Stateful features have no chat equivalent and are refused
 * rather than ignored, since ignoring them would silently change the answer: {@code previous_response_id},
 * {@code conversation}, {@code prompt}, {@code background}, {@code store: true}, item references and
 * structured {@code text.format}. Fields that only steer OpenAI's own service ({@code include},
 * {@code prompt_cache_key}, {@code client_metadata}, {@code metadata}, {@code service_tier},
 * {@code text.verbosity}, {@code truncation}, ...) are not forwarded.
 */
public final class ResponsesRequestReader {

  private ResponsesRequestReader() {}

  /** @throws dev.keypool.translate.UntranslatableRequest when the request uses a feature that cannot be translated */
  public static ChatRequest read(JsonNode body) {
    return readRequest(body).chat();
  }

  /** @throws dev.keypool.translate.UntranslatableRequest when the request uses a feature that cannot be translated */
  public static ResponsesRequest readRequest(JsonNode body) {
    refuseStateful(body);
    ResponsesToolsReader tools = new ResponsesToolsReader(body.path("tools"));
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
        readItem(item, tools.names(), system, messages);
      }
    }
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    String user = Nodes.text(body, "safety_identifier");
    ChatRequest chat = new ChatRequest(Nodes.text(body, "model"), system, messages, tools.tools(),
        tools.choice(body.get("tool_choice")), Nodes.bool(body, "parallel_tool_calls"),
        Nodes.integer(body, "max_output_tokens"), Nodes.decimal(body, "temperature"), Nodes.decimal(body, "top_p"),
        null, List.of(), stream, stream, user != null ? user : Nodes.text(body, "user"), Extras.NONE,
        ResponsesReasoning.read(body.get("reasoning")));
    return new ResponsesRequest(chat, tools.names(), tools.hosted());
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

  private static void readItem(JsonNode item, ToolNames names, List<ContentPart> system, List<Message> messages) {
    String type = Nodes.text(item, "type");
    switch (type == null ? "message" : type) {
      case "message" -> {
        String role = Nodes.text(item, "role");
        List<ContentPart> content = content(item.get("content"));
        switch (role == null ? "" : role) {
          case "system", "developer" -> {
            if (messages.isEmpty()) {
              system.addAll(content);
            } else {
              messages.add(new Message(Role.SYSTEM, content));
            }
          }
          case "assistant" -> addTo(messages, Role.ASSISTANT, content);
          default -> messages.add(new Message(Role.USER, content));
        }
      }
      case "function_call" -> {
        String namespace = Nodes.text(item, "namespace");
        String name = Nodes.text(item, "name");
        addTo(messages, Role.ASSISTANT, List.of(new ToolCall(Nodes.text(item, "call_id"),
            namespace == null ? name : names.namespaced(namespace, name), Nodes.text(item, "arguments"))));
      }
      case "custom_tool_call" -> addTo(messages, Role.ASSISTANT, List.of(new ToolCall(Nodes.text(item, "call_id"),
          Nodes.text(item, "name"), CustomInput.asArguments(Nodes.text(item, "input")))));
      case "local_shell_call" -> addTo(messages, Role.ASSISTANT, List.of(new ToolCall(Nodes.text(item, "call_id"),
          "local_shell", item.path("action").toString())));
      // Each result is its own tool message, as chat completions sends one per call.
      case "function_call_output", "custom_tool_call_output", "local_shell_call_output" ->
          messages.add(new Message(Role.TOOL, List.of(new ToolResult(
              Nodes.text(item, "call_id"), content(item.get("output")), false))));
      case "reasoning" -> {
        ContentPart kept = ReasoningCarrier.read(item);
        if (kept != null) {
          addTo(messages, Role.ASSISTANT, List.of(kept));
        }
      }
      case "web_search_call" -> { }
      case "item_reference" -> throw untranslatable("input items of type 'item_reference' (stored items)");
      default -> throw untranslatable("input items of type '" + type + "'");
    }
  }

  /**
   * Appends to the last message when it is the assistant's: the Responses API lists an assistant's
   * reasoning, text and function calls as separate items, which chat (and Anthropic) need in one turn.
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
}
