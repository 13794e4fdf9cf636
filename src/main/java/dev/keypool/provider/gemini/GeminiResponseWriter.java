package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;
import static dev.keypool.translate.Nodes.putIfNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;

/**
 * Writes a {@link ChatResponse} as a Gemini {@code GenerateContentResponse} with one candidate:
 * thinking as {@code thought} text parts, tool calls as {@code functionCall} parts without ids (a
 * Gemini client answers by function name; see {@link GeminiCallIds} for the way back).
 */
final class GeminiResponseWriter {

  private GeminiResponseWriter() {}

  static ObjectNode write(ChatResponse r) {
    ObjectNode body = F.objectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode parts = content.putArray("parts");
    for (ContentPart p : r.content()) {
      ObjectNode part = GeminiContent.write(p, null);
      if (part != null) {
        parts.add(part);
      }
    }
    content.put("role", "model");
    putIfNotNull(candidate, "finishReason", GeminiFinishReasons.write(r.stopReason()));
    body.set("usageMetadata", GeminiUsage.write(r.usage()));
    putIfNotNull(body, "modelVersion", r.model());
    putIfNotNull(body, "responseId", r.id());
    r.extras().fieldsFor(ProviderFormat.GEMINI).forEach(body::set);
    return body;
  }
}
