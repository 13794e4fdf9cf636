package dev.keypool.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat request independent of any wire format: each {@link ClientDialect} writes it in its own shape,
 * so one case states its input once for all three client formats.
 */
final class Ask {
  /** One piece of a turn. */
  sealed interface Part {}

  record Text(String text) implements Part {}

  record Base64Image(String mediaType, String data) implements Part {}

  record UrlImage(String url) implements Part {}

  /** A tool call of an assistant turn; Gemini clients send no id (Gemini pairs by name). */
  record Call(String id, String name, String argsJson) implements Part {}

  /** The result of the call {@code id} (named {@code name} for Gemini). */
  record Result(String id, String name, String text) implements Part {}

  /** A turn of the conversation; {@code assistant} false is the user (tool results included). */
  record Turn(boolean assistant, List<Part> parts) {}

  static final String TOOL = "get_weather";
  static final String ARGS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";

  String system;
  final List<Turn> turns = new ArrayList<>();
  boolean tools;
  boolean forceTool;
  List<String> stop = List.of();
  Integer maxTokens;
  Double temperature;
  Double topP;
  boolean stream;
  /** For a Gemini client: stream as Google's JSON array (no {@code alt=sse}). */
  boolean jsonArray;
  /** System content after the last turn (Claude Code's reminders); Gemini clients have no place for it. */
  String laterSystem;

  static Ask user(Part... parts) {
    return new Ask().then(false, parts);
  }

  static Ask user(String text) {
    return user(new Text(text));
  }

  Ask then(boolean assistant, Part... parts) {
    turns.add(new Turn(assistant, List.of(parts)));
    return this;
  }

  Ask streamed() {
    stream = true;
    return this;
  }

  /** Streamed as Google's JSON array by a Gemini client (other clients have only SSE). */
  Ask streamedAsJsonArray() {
    jsonArray = true;
    return streamed();
  }

  Ask withTools(boolean force) {
    tools = true;
    forceTool = force;
    return this;
  }
}
