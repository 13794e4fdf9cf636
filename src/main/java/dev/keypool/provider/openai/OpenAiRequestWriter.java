package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;
import static dev.keypool.translate.Nodes.putIfNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ChatRequest} as an OpenAI chat completions request body. The cap on output is
 * written as {@code max_completion_tokens} (OpenAI deprecated {@code max_tokens}, and its reasoning
 * models reject it). {@link Message.Role#SYSTEM} messages are {@code system} messages at their place;
 * the reasoning is {@code reasoning_effort} for the models that take it ({@link OpenAiReasoning}).
 * What OpenAI chat cannot carry is dropped: {@code top_k}, thinking parts of earlier assistant turns,
 * images and the error flag of tool results.
 */
final class OpenAiRequestWriter {

  private OpenAiRequestWriter() {}

  static ObjectNode write(ChatRequest req) {
    ObjectNode body = F.objectNode().put("model", req.model());
    ArrayNode messages = body.putArray("messages");
    if (!req.system().isEmpty()) {
      messages.addObject().put("role", "system").set("content", OpenAiContent.write(req.system()));
    }
    req.messages().forEach(m -> writeMessage(messages, m));
    if (!req.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      req.tools().forEach(t -> tools.add(tool(t)));
    }
    if (req.toolChoice() != null) {
      body.set("tool_choice", toolChoice(req.toolChoice()));
    }
    putIfNotNull(body, "parallel_tool_calls", req.parallelToolCalls());
    putIfNotNull(body, "max_completion_tokens", req.maxTokens());
    putIfNotNull(body, "temperature", req.temperature());
    putIfNotNull(body, "top_p", req.topP());
    if (!req.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      req.stop().forEach(stop::add);
    }
    if (req.stream()) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", req.includeUsage());
    }
    putIfNotNull(body, "user", req.user());
    putIfNotNull(body, "reasoning_effort", OpenAiReasoning.write(req.reasoning(), req.model()));
    req.extras().fieldsFor(ProviderFormat.OPENAI).forEach(body::set);
    return body;
  }

  private static void writeMessage(ArrayNode out, Message m) {
    switch (m.role()) {
      case USER -> out.addObject().put("role", "user").set("content", OpenAiContent.write(m.content()));
      case SYSTEM -> out.addObject().put("role", "system").set("content", OpenAiContent.write(m.content()));
      case ASSISTANT -> out.add(assistant(m.content()));
      case TOOL -> m.content().forEach(p -> {
        if (p instanceof ToolResult r) {
          out.addObject().put("role", "tool").put("tool_call_id", r.callId())
              .set("content", OpenAiContent.write(textOnly(r.content())));
        }
      });
    }
  }

  private static ObjectNode assistant(List<ContentPart> content) {
    ObjectNode m = F.objectNode().put("role", "assistant");
    List<ContentPart> text = textOnly(content);
    if (text.isEmpty()) {
      m.putNull("content");
    } else {
      m.set("content", OpenAiContent.write(text));
    }
    ArrayNode calls = null;
    for (ContentPart p : content) {
      if (p instanceof ToolCall c) {
        calls = calls == null ? m.putArray("tool_calls") : calls;
        ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
      }
    }
    return m;
  }

  private static List<ContentPart> textOnly(List<ContentPart> parts) {
    List<ContentPart> out = new ArrayList<>();
    parts.forEach(p -> {
      if (p instanceof ContentPart.Text) {
        out.add(p);
      }
    });
    return out;
  }

  private static ObjectNode tool(Tool t) {
    ObjectNode tool = F.objectNode().put("type", "function");
    ObjectNode fn = tool.putObject("function").put("name", t.name());
    putIfNotNull(fn, "description", t.description());
    putIfNotNull(fn, "parameters", t.parameters());
    return tool;
  }

  private static com.fasterxml.jackson.databind.JsonNode toolChoice(ToolChoice c) {
    return switch (c.mode()) {
      case AUTO -> F.textNode("auto");
      case NONE -> F.textNode("none");
      case REQUIRED -> F.textNode("required");
      case SPECIFIC -> {
        ObjectNode o = F.objectNode().put("type", "function");
        o.putObject("function").put("name", c.name());
        yield o;
      }
    };
  }
}
