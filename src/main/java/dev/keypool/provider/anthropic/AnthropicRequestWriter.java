package dev.keypool.provider.anthropic;

import static dev.keypool.translate.Nodes.F;
import static dev.keypool.translate.Nodes.putIfNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ChatRequest} as an Anthropic messages request body for one API version. Tool
 * messages become {@code tool_result} blocks of a user turn, together with the user message that
 * follows them; {@code max_tokens}, which Anthropic requires, falls back to the route's default;
 * temperature is capped at Anthropic's maximum of 1; for {@link AnthropicVersion#V2026_10_21}
 * temperature, top_p and top_k are left out.
 *
 * <p>{@link Role#SYSTEM} messages (system content inside the conversation) are appended, in order, to
 * the top-level {@code system}. Anthropic takes {@code role: "system"} inside {@code messages} only on
 * some models (4.8 and later, not every one) and only at certain places (after a user turn, last or
 * before an assistant turn, never two in a row); the top-level field works on every model and keeps the
 * user's prompt the last user turn.
 *
 * <p>Reasoning is written as {@link AnthropicReasoning} says. Thinking is incompatible with modified
 * sampling (Anthropic's 400 "temperature may only be set to 1 when thinking is enabled") and with a
 * forced tool choice: with thinking on, temperature, top_p and top_k are left out, and a forced tool
 * choice ({@code any} or a named tool) wins over thinking, which is then not asked for.
 */
final class AnthropicRequestWriter {
  private static final double MAX_TEMPERATURE = 1.0;

  private AnthropicRequestWriter() {}

  static ObjectNode write(ChatRequest req, AnthropicVersion version, int defaultMaxTokens) {
    ObjectNode body = F.objectNode().put("model", req.model());
    int maxTokens = req.maxTokens() != null ? req.maxTokens() : defaultMaxTokens;
    body.put("max_tokens", maxTokens);
    List<ContentPart> system = new ArrayList<>(req.system());
    req.messages().stream().filter(m -> m.role() == Role.SYSTEM).forEach(m -> system.addAll(m.content()));
    if (!system.isEmpty()) {
      body.set("system", AnthropicContent.write(system));
    }
    body.set("messages", messages(req.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList()));
    if (!req.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      req.tools().forEach(t -> tools.add(tool(t)));
      ObjectNode choice = toolChoice(req.toolChoice(), req.parallelToolCalls());
      if (choice != null) {
        body.set("tool_choice", choice);
      }
    }
    if (!req.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      req.stop().forEach(stop::add);
    }
    req.extras().fieldsFor(ProviderFormat.ANTHROPIC).forEach(body::set);
    boolean forcedTool = req.toolChoice() != null && !req.tools().isEmpty()
        && (req.toolChoice().mode() == ToolChoice.Mode.REQUIRED || req.toolChoice().mode() == ToolChoice.Mode.SPECIFIC);
    boolean thinking = !forcedTool && AnthropicReasoning.write(req.reasoning(), req.model(), maxTokens, body);
    if (version.acceptsSamplingParameters() && !thinking) {
      putIfNotNull(body, "temperature", req.temperature() == null ? null : Math.min(req.temperature(), MAX_TEMPERATURE));
      putIfNotNull(body, "top_p", req.topP());
      putIfNotNull(body, "top_k", req.topK());
    }
    if (req.stream()) {
      body.put("stream", true);
    }
    if (req.user() != null) {
      body.putObject("metadata").put("user_id", req.user());
    }
    return body;
  }

  /** Tool results and the user message right after them share one user turn, results first. */
  private static ArrayNode messages(List<Message> messages) {
    ArrayNode out = F.arrayNode();
    List<ContentPart> turn = null;
    Role last = null;
    for (Message m : messages) {
      boolean joins = last == Role.TOOL && m.role() != Role.ASSISTANT;
      if (!joins) {
        flush(out, turn);
        turn = new ArrayList<>();
        out.addObject().put("role", m.role() == Role.ASSISTANT ? "assistant" : "user");
      }
      turn.addAll(m.content());
      last = m.role();
    }
    flush(out, turn);
    return out;
  }

  private static void flush(ArrayNode out, List<ContentPart> turn) {
    if (turn != null) {
      ((ObjectNode) out.get(out.size() - 1)).set("content", AnthropicContent.write(turn));
    }
  }

  private static ObjectNode tool(Tool t) {
    ObjectNode tool = F.objectNode().put("name", t.name());
    putIfNotNull(tool, "description", t.description());
    if (t.parameters() != null) {
      tool.set("input_schema", t.parameters());
    } else {
      tool.putObject("input_schema").put("type", "object").putObject("properties");
    }
    return tool;
  }

  private static ObjectNode toolChoice(ToolChoice c, Boolean parallel) {
    if (c == null && !Boolean.FALSE.equals(parallel)) {
      return null;
    }
    ToolChoice choice = c == null ? ToolChoice.AUTO : c;
    ObjectNode out = F.objectNode();
    switch (choice.mode()) {
      case AUTO -> out.put("type", "auto");
      case NONE -> out.put("type", "none");
      case REQUIRED -> out.put("type", "any");
      case SPECIFIC -> out.put("type", "tool").put("name", choice.name());
    }
    if (Boolean.FALSE.equals(parallel) && choice.mode() != ToolChoice.Mode.NONE) {
      out.put("disable_parallel_tool_use", true);
    }
    return out;
  }
}
