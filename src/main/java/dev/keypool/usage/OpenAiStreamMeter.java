package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@link StreamMeter} of an OpenAI {@code chat.completion.chunk} stream (and of a legacy
 * {@code text_completion} stream, whose chunks carry {@code choices[].text}: same usage rules). With
 * {@code stream_options.include_usage} the upstream sends one more chunk before {@code data: [DONE]}
 * whose {@code choices} is empty and whose {@code usage} covers the whole request; every other chunk
 * then carries {@code "usage": null}. The last non-null {@code usage} wins, which also suits
 * OpenAI-compatible hosts that repeat a running total in every chunk.
 *
 * <p>Served text: {@code delta.content}, {@code delta.tool_calls[].function.arguments}, and the
 * reasoning deltas some compatible hosts stream ({@code delta.reasoning_content},
 * {@code delta.reasoning}).
 */
public final class OpenAiStreamMeter extends ReportedUsageMeter {
  private static final String DONE = "[DONE]";

  @Override
  public void accept(SseEvent event) {
    String data = event.data();
    if (data == null) {
      return;
    }
    if (data.strip().equals(DONE)) {
      complete = true;
      return;
    }
    JsonNode chunk = UsageJson.object(data);
    if (chunk == null) {
      return;
    }
    Usage reported = OpenAiUsage.from(chunk.get("usage"));
    if (reported != null) {
      usage = reported;
    }
    JsonNode choices = chunk.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        appendDelta(choice.get("delta"));
        UsageJson.appendText(served, choice, "text"); // legacy completions stream text, not deltas
      }
    }
  }

  private void appendDelta(JsonNode delta) {
    if (delta == null || !delta.isObject()) {
      return;
    }
    UsageJson.appendText(served, delta, "reasoning_content");
    UsageJson.appendText(served, delta, "reasoning");
    UsageJson.appendText(served, delta, "content");
    JsonNode calls = delta.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (JsonNode call : calls) {
        UsageJson.appendText(served, call.get("function"), "arguments");
      }
    }
  }

  /**
   * Whether {@code event} is the final usage chunk that {@code stream_options.include_usage} adds
   * ({@code "choices": []} with a {@code usage} object). The relay asks for it upstream on every stream
   * and hides it from a client that did not ask. Cheap for every other chunk: a scan for an empty
   * {@code choices} array comes before any JSON parsing.
   */
  public static boolean isUsageOnlyChunk(SseEvent event) {
    String data = event.data();
    if (data == null || !hasEmptyChoices(data)) {
      return false;
    }
    JsonNode chunk = UsageJson.object(data);
    return chunk != null && OpenAiUsage.from(chunk.get("usage")) != null;
  }

  private static boolean hasEmptyChoices(String data) {
    int at = data.indexOf("\"choices\"");
    if (at < 0) {
      return false;
    }
    int i = skipSpace(data, at + "\"choices\"".length());
    if (i >= data.length() || data.charAt(i) != ':') {
      return false;
    }
    i = skipSpace(data, i + 1);
    if (i >= data.length() || data.charAt(i) != '[') {
      return false;
    }
    i = skipSpace(data, i + 1);
    return i < data.length() && data.charAt(i) == ']';
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
