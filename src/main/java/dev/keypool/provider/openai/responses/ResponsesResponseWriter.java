package dev.keypool.provider.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;

/**
 * Writes a canonical chat response as a Responses API {@code response} object: consecutive text becomes
 * one {@code message} item with {@code output_text}, each tool call a {@code function_call} item (its
 * {@code call_id} is the upstream's tool call id, which the client sends back in
 * {@code function_call_output}; a namespaced or freeform tool's call as the client declared the tool,
 * see {@link ToolNames}), visible thinking a {@code reasoning} item with a summary (and what Anthropic
 * needs back in {@code encrypted_content}, see {@link ReasoningCarrier}).
 */
public final class ResponsesResponseWriter {

  private ResponsesResponseWriter() {}

  /** @param createdAt epoch seconds */
  public static ObjectNode write(ChatResponse response, long createdAt) {
    return write(response, createdAt, ToolNames.NONE);
  }

  /**
   * @param createdAt epoch seconds
   * @param names the request's renamed tools, whose calls are written back as the client declared them
   */
  public static ObjectNode write(ChatResponse response, long createdAt, ToolNames names) {
    String id = ResponsesObjects.responseId(response.id());
    ObjectNode out = ResponsesObjects.envelope(id, response.model(), createdAt, "completed");
    ArrayNode output = (ArrayNode) out.get("output");
    StringBuilder text = null;
    for (ContentPart part : response.content()) {
      if (part instanceof ContentPart.Text t) {
        text = text == null ? new StringBuilder() : text;
        text.append(t.text());
        continue;
      }
      if (text != null) {
        output.add(ResponsesObjects.message(ResponsesObjects.itemId("msg", id, output.size()), "completed",
            text.toString()));
        text = null;
      }
      switch (part) {
        case ContentPart.ToolCall c -> output.add(ResponsesObjects.call(names,
            ResponsesObjects.itemId("fc", id, output.size()), c.id(), c.name(), c.argumentsJson(), "completed"));
        case ContentPart.Thinking t -> output.add(ResponsesObjects.reasoning(
            ResponsesObjects.itemId("rs", id, output.size()), t.text(), ReasoningCarrier.write(t.signature())));
        case ContentPart.RedactedThinking r -> output.add(ResponsesObjects.reasoning(
            ResponsesObjects.itemId("rs", id, output.size()), null, ReasoningCarrier.writeRedacted(r.data())));
        default -> { }
      }
    }
    if (text != null) {
      output.add(ResponsesObjects.message(ResponsesObjects.itemId("msg", id, output.size()), "completed",
          text.toString()));
    }
    ResponsesObjects.finish(out, response.stopReason(), response.usage());
    return out;
  }
}
