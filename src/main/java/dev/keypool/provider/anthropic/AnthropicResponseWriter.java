package dev.keypool.provider.anthropic;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;

/**
 * Writes a {@link ChatResponse} as an Anthropic {@code message} body. Reasoning from an OpenAI-format
 * upstream has no signature; it is shown as a {@code thinking} block with an empty one.
 */
final class AnthropicResponseWriter {

  private AnthropicResponseWriter() {}

  static ObjectNode write(ChatResponse r) {
    ObjectNode body = F.objectNode().put("id", r.id()).put("type", "message").put("role", "assistant")
        .put("model", r.model());
    ArrayNode content = body.putArray("content");
    for (ContentPart p : r.content()) {
      if (!(p instanceof ContentPart.Text t) || !t.text().isEmpty()) {
        content.add(AnthropicContent.block(p));
      }
    }
    body.put("stop_reason", AnthropicStopReasons.write(r.stopReason()));
    body.put("stop_sequence", r.stopSequence());
    body.set("usage", AnthropicUsage.write(r.usage()));
    r.extras().fieldsFor(ProviderFormat.ANTHROPIC).forEach(body::set);
    return body;
  }
}
