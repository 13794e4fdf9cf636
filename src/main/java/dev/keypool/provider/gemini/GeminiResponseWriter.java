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
 * thinking as {@code thought} text parts, tool calls as {@code functionCall} parts with their ids
 * ({@link #callId}; see {@link GeminiCallIds} for the way back).
 */
final class GeminiResponseWriter {
  private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("call_\\d+");

  private GeminiResponseWriter() {}

  static ObjectNode write(ChatResponse r) {
    ObjectNode body = F.objectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode parts = content.putArray("parts");
    for (ContentPart p : r.content()) {
      ObjectNode part = GeminiContent.write(p, null);
      if (part != null) {
        if (p instanceof ContentPart.ToolCall c) {
          callId(part, c.id());
        }
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

  /**
   * Puts a call's id on its {@code functionCall} part. Gemini CLI answers a call under the call's id
   * when it has one ({@code functionResponse.id}) and keeps the id on the call in its history, so the
   * next request pairs them exactly; without one it makes up an id the call never had. An id carrying a
   * Gemini thought signature is not shown (the signature is on the part already, as Gemini sends it),
   * nor is a {@code call_<n>} Keypool numbered for a Gemini call that had none: both came from Gemini,
   * which gave no id, and a Gemini answer read and written back stays as it was.
   */
  static void callId(ObjectNode part, String id) {
    if (id != null && !NUMBERED.matcher(id).matches() && GeminiSignatures.signature(id) == null
        && part.get("functionCall") instanceof ObjectNode call) {
      call.put("id", id);
    }
  }
}
