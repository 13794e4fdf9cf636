package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@link StreamMeter} of a Gemini {@code streamGenerateContent?alt=sse} stream. Every event is a
 * whole {@code GenerateContentResponse}; its {@code usageMetadata} is cumulative, so the last one that
 * carries counts wins (the chunk with the {@code finishReason} has the final figures). Gemini has no end
 * marker: the stream is complete once a candidate reported a {@code finishReason}. Served text: the
 * text parts (thought summaries included) and the arguments of function calls.
 */
public final class GeminiStreamMeter extends ReportedUsageMeter {
  @Override
  public void accept(SseEvent event) {
    JsonNode data = event.data() == null ? null : UsageJson.object(event.data());
    if (data == null) {
      return;
    }
    Usage reported = GeminiUsageMetadata.from(data.get("usageMetadata"));
    if (reported != null) {
      usage = reported;
    }
    JsonNode candidate = data.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      UsageJson.appendText(served, part, "text");
      JsonNode call = part.get("functionCall");
      if (call != null && call.has("args")) {
        served.append(call.get("args").toString());
      }
    }
    if (candidate.hasNonNull("finishReason")) {
      complete = true;
    }
  }
}
