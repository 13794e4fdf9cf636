package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Gemini {@code GenerateContentResponse} (its first candidate) into a {@link ChatResponse}:
 * {@code responseId} is the id and {@code modelVersion} the model; function calls without an id get
 * {@code call_<n>} (see {@link GeminiCallIds}). A prompt blocked before any candidate
 * ({@code promptFeedback.blockReason}) reads as CONTENT_FILTER. Candidate-level safety ratings,
 * citations and log-probabilities are dropped; {@code promptFeedback} is kept as a Gemini extra.
 */
final class GeminiResponseReader {
  private static final Set<String> KNOWN = GeminiFields.bothSpellings(List.of("candidates", "usageMetadata",
      "modelVersion", "responseId"));

  private GeminiResponseReader() {}

  static ChatResponse read(JsonNode body) {
    JsonNode candidate = body.path("candidates").path(0);
    List<ContentPart> parts = new ArrayList<>();
    GeminiCallIds ids = new GeminiCallIds();
    for (JsonNode p : candidate.path("content").path("parts")) {
      ContentPart part = GeminiContent.read(p, ids, true);
      if (part != null) {
        parts.add(part);
      }
    }
    boolean calledTools = parts.stream().anyMatch(p -> p instanceof ToolCall);
    StopReason stop = GeminiFinishReasons.read(GeminiFields.text(candidate, "finishReason"), calledTools);
    if (stop == null && GeminiFields.text(GeminiFields.get(body, "promptFeedback"), "blockReason") != null) {
      stop = StopReason.CONTENT_FILTER;
    }
    return new ChatResponse(GeminiFields.text(body, "responseId"), GeminiFields.text(body, "modelVersion"), parts,
        stop, null, GeminiUsage.read(GeminiFields.get(body, "usageMetadata")),
        Nodes.unknownFields(ProviderFormat.GEMINI, body, KNOWN));
  }
}
