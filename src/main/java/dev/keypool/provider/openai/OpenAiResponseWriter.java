package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.Thinking;
import dev.keypool.translate.ContentPart.ToolCall;

/**
 * Writes a {@link ChatResponse} as an OpenAI {@code chat.completion} body with one choice. Text parts
 * are joined into {@code content}; thinking goes to {@code reasoning_content} (the field DeepSeek and
 * vLLM use, which OpenAI's SDKs pass through as an extra property).
 */
final class OpenAiResponseWriter {

  private OpenAiResponseWriter() {}

  static ObjectNode write(ChatResponse r, long created) {
    ObjectNode body = F.objectNode().put("id", r.id()).put("object", "chat.completion").put("created", created)
        .put("model", r.model());
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.set("message", message(r));
    choice.putNull("logprobs");
    choice.put("finish_reason", OpenAiFinishReasons.write(r.stopReason()));
    body.set("usage", OpenAiUsage.write(r.usage()));
    r.extras().fieldsFor(ProviderFormat.OPENAI).forEach(body::set);
    return body;
  }

  private static ObjectNode message(ChatResponse r) {
    StringBuilder text = null;
    StringBuilder thinking = null;
    ArrayNode calls = null;
    ObjectNode m = F.objectNode().put("role", "assistant");
    for (ContentPart p : r.content()) {
      switch (p) {
        case Text t -> text = (text == null ? new StringBuilder() : text).append(t.text());
        case Thinking t -> thinking = (thinking == null ? new StringBuilder() : thinking).append(t.text());
        case ToolCall c -> {
          calls = calls == null ? F.arrayNode() : calls;
          ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
          call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
        }
        default -> { }
      }
    }
    if (text == null) {
      m.putNull("content");
    } else {
      m.put("content", text.toString());
    }
    m.putNull("refusal");
    if (thinking != null) {
      m.put("reasoning_content", thinking.toString());
    }
    if (calls != null) {
      m.set("tool_calls", calls);
    }
    return m;
  }
}
