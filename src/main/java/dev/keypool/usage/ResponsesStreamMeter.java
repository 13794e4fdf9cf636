package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@link StreamMeter} of an OpenAI Responses API stream. Its usage comes once, in the
 * {@code response} object of the terminal event ({@code response.completed}, or
 * {@code response.incomplete} / {@code response.failed}, which also carry what was consumed); the
 * stream has no {@code [DONE]}, so that terminal event is also its regular end. A stream cut before it
 * has no usage, and the record falls back to an estimate from the served text.
 *
 * <p>Served text: {@code response.output_text.delta}, {@code response.function_call_arguments.delta}
 * and the reasoning deltas. The event type is read from the {@code type} field of the data, which the
 * API repeats in every payload, so the {@code event:} line is not needed.
 */
public final class ResponsesStreamMeter extends ReportedUsageMeter {
  @Override
  public void accept(SseEvent event) {
    String data = event.data();
    if (data == null) {
      return;
    }
    JsonNode payload = UsageJson.object(data);
    if (payload == null) {
      return;
    }
    String type = payload.path("type").asText("");
    switch (type) {
      case "response.completed", "response.incomplete", "response.failed" -> {
        complete = true;
        Usage reported = OpenAiUsage.from(payload.path("response").get("usage"));
        if (reported != null) {
          usage = reported;
        }
      }
      case "response.output_text.delta", "response.function_call_arguments.delta",
          "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          UsageJson.appendText(served, payload, "delta");
      default -> { }
    }
  }
}
