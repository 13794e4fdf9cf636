package dev.keypool.provider.openai.responses;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.StopReason;
import dev.keypool.translate.Usage;

/**
 * The objects of the Responses API that both the JSON answer and the stream carry: the
 * {@code response} envelope, output items and {@code usage}. Every field the API documents as always
 * present is written (null when Keypool has no value), because the official SDKs validate them.
 */
final class ResponsesObjects {

  private ResponsesObjects() {}

  /** A {@code response} object with no output yet, in {@code status}. */
  static ObjectNode envelope(String id, String model, long createdAt, String status) {
    ObjectNode r = F.objectNode().put("id", id).put("object", "response").put("created_at", createdAt)
        .put("status", status);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.putNull("instructions");
    r.putNull("max_output_tokens");
    r.put("model", model);
    r.putArray("output");
    r.put("parallel_tool_calls", true);
    r.putNull("previous_response_id");
    r.putNull("reasoning");
    r.put("store", false); // nothing is stored: a translated response cannot be continued by id
    r.putNull("temperature");
    r.putObject("text").putObject("format").put("type", "text");
    r.put("tool_choice", "auto");
    r.putArray("tools");
    r.putNull("top_p");
    r.put("truncation", "disabled");
    r.putNull("usage");
    r.putNull("user");
    r.putObject("metadata");
    return r;
  }

  /**
   * Sets the final status from why the model stopped: a cut-off answer is {@code incomplete} with its
   * reason, as the API reports {@code max_output_tokens} and {@code content_filter}.
   */
  static void finish(ObjectNode response, StopReason reason, Usage usage) {
    String incomplete = switch (reason == null ? StopReason.END_TURN : reason) {
      case MAX_TOKENS -> "max_output_tokens";
      case CONTENT_FILTER -> "content_filter";
      default -> null;
    };
    response.put("status", incomplete == null ? "completed" : "incomplete");
    if (incomplete != null) {
      response.putObject("incomplete_details").put("reason", incomplete);
    }
    response.set("usage", usage(usage));
  }

  /** Responses usage: input includes cached tokens, output includes reasoning tokens (as canonical). */
  static ObjectNode usage(Usage u) {
    ObjectNode usage = F.objectNode().put("input_tokens", u.input());
    usage.putObject("input_tokens_details").put("cached_tokens", u.cacheRead());
    usage.put("output_tokens", u.output());
    usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
    usage.put("total_tokens", u.total());
    return usage;
  }

  static ObjectNode message(String id, String status, String text) {
    ObjectNode item = F.objectNode().put("id", id).put("type", "message").put("status", status)
        .put("role", "assistant");
    var content = item.putArray("content");
    if (text != null) {
      content.add(outputText(text));
    }
    return item;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = F.objectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
    return F.objectNode().put("id", id).put("type", "function_call").put("status", status)
        .put("arguments", arguments).put("call_id", callId).put("name", name);
  }

  /**
   * The item of a call the upstream made under {@code upstreamName}, as the client declared the tool:
   * a {@code function_call} with the function's own name and its {@code namespace}, a
   * {@code custom_tool_call} with the freeform {@code input}, or a plain {@code function_call}.
   */
  static ObjectNode call(ToolNames names, String id, String callId, String upstreamName, String arguments,
      String status) {
    ToolNames.Origin origin = names.origin(upstreamName);
    if (origin != null && origin.custom()) {
      return F.objectNode().put("id", id).put("type", "custom_tool_call").put("status", status)
          .put("call_id", callId).put("name", origin.name()).put("input", CustomInput.fromArguments(arguments));
    }
    ObjectNode item = functionCall(id, callId, origin == null ? upstreamName : origin.name(), arguments, status);
    if (origin != null) {
      item.put("namespace", origin.namespace());
    }
    return item;
  }

  /** Visible reasoning from another provider, shown as a reasoning summary (the closest Responses field). */
  static ObjectNode reasoning(String id, String text) {
    return reasoning(id, text, null);
  }

  /** @param carried the {@code encrypted_content} that brings the thinking back next turn ({@link ReasoningCarrier}) */
  static ObjectNode reasoning(String id, String text, String carried) {
    ObjectNode item = F.objectNode().put("id", id).put("type", "reasoning");
    var summary = item.putArray("summary");
    if (text != null && !text.isEmpty()) {
      summary.addObject().put("type", "summary_text").put("text", text);
    }
    if (carried != null) {
      item.put("encrypted_content", carried);
    }
    return item;
  }

  /** The response id for an upstream message id: {@code resp_} and the upstream's id. */
  static String responseId(String upstreamId) {
    return "resp_" + (upstreamId == null ? "" : upstreamId.replaceAll("[^A-Za-z0-9_-]", ""));
  }

  /** An item id unique within the response: a type prefix, the response's id and the item's position. */
  static String itemId(String prefix, String responseId, int position) {
    return prefix + "_" + responseId.substring("resp_".length()) + "_" + position;
  }
}
