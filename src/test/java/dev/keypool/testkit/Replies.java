package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of {@link Reply} builders: successes, tool calls, streams and errors in the OpenAI,
 * Anthropic and Gemini formats. Gemini successes stream when the path says
 * {@code :streamGenerateContent}, as SSE with {@code ?alt=sse} and as one JSON array without.
 *
 * <p>Success replies echo the requested {@code model}. Unless given, token counts are estimated:
 * prompt tokens as a quarter of the request body length, completion tokens as the number of words
 * of the answer. OpenAI streams end with a usage chunk only when the request sets
 * {@code stream_options.include_usage}, like the real API.
 */
public final class Replies {
  static final String ECHO_TEXT = "Hello from the fake upstream";
  private static final String[] ECHO_DELTAS = {"Hello", " from", " the", " fake", " upstream"};

  private Replies() {}

  /** The default default: a correct success in the format of the request path, streamed when asked. */
  public static Reply echo() {
    return Reply.dynamic(WireFormat.OPENAI, request -> request.gemini() ? geminiText(ECHO_DELTAS) : switch (request.path()) {
      case "/v1/chat/completions" -> request.streaming() ? openAiStream(ECHO_DELTAS) : openAiChat(ECHO_TEXT);
      case "/v1/embeddings" -> openAiEmbeddings();
      case "/v1/responses" -> responsesText(ECHO_DELTAS);
      case "/v1/messages" -> request.streaming() ? anthropicStream(ECHO_DELTAS) : anthropicMessage(ECHO_TEXT);
      case "/v1/messages/count_tokens" -> anthropicCountTokens(promptTokens(request));
      default -> openAiError(404, "invalid_request_error", "unknown_url",
          "Unknown request URL: " + request.method() + " " + request.path() + ".");
    });
  }

  /** A non-streaming chat completion answering {@code text}. */
  public static Reply openAiChat(String text) {
    return Reply.dynamic(WireFormat.OPENAI, r -> openAiChat(text, promptTokens(r), words(text)));
  }

  public static Reply openAiChat(String text, int promptTokens, int completionTokens) {
    return Reply.dynamic(WireFormat.OPENAI, r -> json(WireFormat.OPENAI, 200,
        OpenAiWire.completion(r.model(), OpenAiWire.textMessage(text), "stop", promptTokens, completionTokens)));
  }

  /** A streamed chat completion, one chunk per delta. */
  public static Reply openAiStream(String... deltas) {
    return Reply.dynamic(WireFormat.OPENAI,
        r -> openAiStreamWithUsage(promptTokens(r), words(String.join("", deltas)), deltas));
  }

  /** A streamed chat completion whose usage chunk (when requested) reports these counts. */
  public static Reply openAiStreamWithUsage(int promptTokens, int completionTokens, String... deltas) {
    return Reply.dynamic(WireFormat.OPENAI, r -> sse(WireFormat.OPENAI, OpenAiWire.textStream(
        r.model(), List.of(deltas), promptTokens, completionTokens, includeUsage(r))));
  }

  /**
   * A streamed chat completion of about {@code totalBytes}, written as fast as the connection takes it:
   * one 8 KB text delta repeated (see {@link FakeUpstream#streamedBytes()}), then the normal end.
   */
  public static Reply openAiFlood(long totalBytes) {
    return openAiStream(FLOOD_DELTA).repeatEvent(1, totalBytes);
  }

  /** {@link #openAiFlood} as an Anthropic message stream (the delta follows message_start, block start, ping). */
  public static Reply anthropicFlood(long totalBytes) {
    return anthropicStream(FLOOD_DELTA).repeatEvent(3, totalBytes);
  }

  private static final String FLOOD_DELTA = "lorem ipsum ".repeat(680);

  /** A legacy {@code text_completion} answering {@code text}, with these counts. */
  public static Reply openAiTextCompletion(String text, int promptTokens, int completionTokens) {
    return Reply.dynamic(WireFormat.OPENAI, r -> json(WireFormat.OPENAI, 200,
        OpenAiWire.textCompletion(r.model(), text, promptTokens, completionTokens)));
  }

  /** A streamed legacy completion, one chunk per delta, with a usage chunk when asked. */
  public static Reply openAiTextCompletionStream(int promptTokens, int completionTokens, String... deltas) {
    return Reply.dynamic(WireFormat.OPENAI, r -> sse(WireFormat.OPENAI, OpenAiWire.textCompletionStream(
        r.model(), List.of(deltas), promptTokens, completionTokens, includeUsage(r))));
  }

  /** A non-streaming chat completion calling one function with these JSON arguments. */
  public static Reply openAiToolCall(String toolName, String argumentsJson) {
    return Reply.dynamic(WireFormat.OPENAI, r -> json(WireFormat.OPENAI, 200, OpenAiWire.completion(r.model(),
        OpenAiWire.toolCallMessage(Ids.next("call_"), toolName, argumentsJson), "tool_calls", promptTokens(r), 12)));
  }

  /** A streamed tool call whose arguments arrive in three fragments. */
  public static Reply openAiToolCallStream(String toolName, String argumentsJson) {
    return Reply.dynamic(WireFormat.OPENAI, r -> sse(WireFormat.OPENAI, OpenAiWire.toolCallStream(
        r.model(), toolName, fragments(argumentsJson, 3), promptTokens(r), 12, includeUsage(r))));
  }

  /** A Responses API answer of these text deltas (one message when not streamed), counts estimated. */
  public static Reply responsesText(String... deltas) {
    return Reply.dynamic(WireFormat.OPENAI, r -> responsesTextWithUsage(promptTokens(r), 0,
        words(String.join("", deltas)), 0, deltas));
  }

  /** A Responses API answer reporting exactly these counts ({@code cached} within input, {@code reasoning} within output). */
  public static Reply responsesTextWithUsage(int input, int cached, int output, int reasoning, String... deltas) {
    ResponsesWire.Counts counts = new ResponsesWire.Counts(input, cached, output, reasoning);
    return Reply.dynamic(WireFormat.OPENAI, r -> r.streaming()
        ? sse(WireFormat.OPENAI, ResponsesWire.textStream(r.model(), List.of(deltas), counts))
        : json(WireFormat.OPENAI, 200, ResponsesWire.response(Ids.next("resp_"), r.model(), "completed",
            List.of(ResponsesWire.message(Ids.next("msg_"), String.join("", deltas))), counts)));
  }

  /** A non-streamed Responses API answer calling one function. */
  public static Reply responsesFunctionCall(String name, String argumentsJson) {
    return Reply.dynamic(WireFormat.OPENAI, r -> json(WireFormat.OPENAI, 200, ResponsesWire.response(
        Ids.next("resp_"), r.model(), "completed", List.of(ResponsesWire.functionCall(Ids.next("fc_"),
            Ids.next("call_"), name, argumentsJson)), new ResponsesWire.Counts(promptTokens(r), 0, 12, 0))));
  }

  /** An embeddings list with one 8-dimension vector per input. */
  public static Reply openAiEmbeddings() {
    return Reply.dynamic(WireFormat.OPENAI, r -> json(WireFormat.OPENAI, 200,
        OpenAiWire.embeddings(r.model(), inputCount(r.bodyJson().path("input")), promptTokens(r))));
  }

  /** A non-streaming Anthropic message answering {@code text}. */
  public static Reply anthropicMessage(String text) {
    return Reply.dynamic(WireFormat.ANTHROPIC, r -> anthropicMessage(text, promptTokens(r), words(text)));
  }

  public static Reply anthropicMessage(String text, int inputTokens, int outputTokens) {
    return Reply.dynamic(WireFormat.ANTHROPIC, r -> json(WireFormat.ANTHROPIC, 200, AnthropicWire.message(
        r.model(), AnthropicWire.textContent(text), "end_turn", inputTokens, outputTokens)));
  }

  /** A streamed Anthropic message, one text_delta per delta. */
  public static Reply anthropicStream(String... deltas) {
    return Reply.dynamic(WireFormat.ANTHROPIC,
        r -> anthropicStreamWithUsage(promptTokens(r), words(String.join("", deltas)), deltas));
  }

  public static Reply anthropicStreamWithUsage(int inputTokens, int outputTokens, String... deltas) {
    return Reply.dynamic(WireFormat.ANTHROPIC, r -> sse(WireFormat.ANTHROPIC,
        AnthropicWire.textStream(r.model(), List.of(deltas), inputTokens, outputTokens)));
  }

  /** A non-streaming Anthropic message with one tool_use block. */
  public static Reply anthropicToolUse(String toolName, String inputJson) {
    return Reply.dynamic(WireFormat.ANTHROPIC, r -> json(WireFormat.ANTHROPIC, 200, AnthropicWire.message(
        r.model(), AnthropicWire.toolUseContent(toolName, inputJson), "tool_use", promptTokens(r), 12)));
  }

  /** A streamed tool_use block whose input arrives as three input_json_delta fragments. */
  public static Reply anthropicToolUseStream(String toolName, String inputJson) {
    return Reply.dynamic(WireFormat.ANTHROPIC, r -> sse(WireFormat.ANTHROPIC,
        AnthropicWire.toolUseStream(r.model(), toolName, fragments(inputJson, 3), promptTokens(r), 12)));
  }

  /** The count_tokens answer {@code {"input_tokens":N}}. */
  public static Reply anthropicCountTokens(int inputTokens) {
    return json(WireFormat.ANTHROPIC, 200, AnthropicWire.countTokens(inputTokens));
  }

  /** An OpenAI error, e.g. {@code openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided")}. */
  public static Reply openAiError(int status, String type, String code, String message) {
    return json(WireFormat.OPENAI, status, OpenAiWire.error(type, code, message));
  }

  /** An Anthropic error, e.g. {@code anthropicError(401, "authentication_error", "invalid x-api-key")}. */
  public static Reply anthropicError(int status, String type, String message) {
    return json(WireFormat.ANTHROPIC, status, AnthropicWire.error(type, message));
  }

  /** Anthropic's 529 {@code overloaded_error}. */
  public static Reply anthropicOverloaded() {
    return anthropicError(529, "overloaded_error", "Overloaded");
  }

  /** A Gemini answer of these text deltas (one part when not streamed), counts estimated. */
  public static Reply geminiText(String... deltas) {
    return Reply.dynamic(WireFormat.GEMINI,
        r -> geminiTextWithUsage(promptTokens(r), words(String.join("", deltas)), 0, 0, null, deltas));
  }

  /**
   * A Gemini answer reporting exactly these counts ({@code cached} within {@code prompt}, {@code thoughts}
   * beside {@code candidates}, as Gemini does), with a thought part first when {@code thought} is not null.
   */
  public static Reply geminiTextWithUsage(int prompt, int candidates, int cached, int thoughts, String thought,
      String... deltas) {
    GeminiWire.Counts counts = new GeminiWire.Counts(prompt, candidates, cached, thoughts);
    return Reply.dynamic(WireFormat.GEMINI, r -> {
      if (r.streaming()) {
        return geminiStream(r, GeminiWire.textStream(r.model(), List.of(deltas), counts, thought));
      }
      List<com.fasterxml.jackson.databind.node.ObjectNode> parts = new ArrayList<>();
      if (thought != null) {
        parts.add(GeminiWire.thought(thought));
      }
      parts.add(GeminiWire.text(String.join("", deltas)));
      return json(WireFormat.GEMINI, 200, GeminiWire.response(r.model(), parts, "STOP", counts));
    });
  }

  /** A Gemini function call with these JSON args and, when not null, a Gemini 3 {@code thoughtSignature}. */
  public static Reply geminiToolCall(String name, String argsJson, String signature) {
    return Reply.dynamic(WireFormat.GEMINI, r -> {
      GeminiWire.Counts counts = new GeminiWire.Counts(promptTokens(r), 12, 0, 0);
      return r.streaming()
          ? geminiStream(r, GeminiWire.toolCallStream(r.model(), name, argsJson, signature, counts))
          : json(WireFormat.GEMINI, 200, GeminiWire.response(r.model(),
              List.of(GeminiWire.functionCall(name, argsJson, signature)), "STOP", counts));
    });
  }

  /** A Google API error, e.g. {@code geminiError(400, "INVALID_ARGUMENT", "API key not valid. ...", "API_KEY_INVALID")}. */
  public static Reply geminiError(int status, String statusName, String message, String reason) {
    return json(WireFormat.GEMINI, status, GeminiWire.error(status, statusName, message, reason));
  }

  private static Reply geminiStream(RecordedRequest r, List<JsonNode> chunks) {
    Reply reply = new Reply(WireFormat.GEMINI, 200);
    reply.events = chunks.stream().map(c -> SseEvent.data(c.toString())).toList();
    reply.framing = r.sse() ? Reply.Framing.SSE_CRLF : Reply.Framing.JSON_ARRAY;
    return reply.withHeader("content-type", r.sse() ? "text/event-stream" : "application/json; charset=UTF-8");
  }

  /**
   * A 429 with the format's rate-limit error body: with {@code retry-after} (whole seconds, rounded up)
   * for OpenAI and Anthropic; for Gemini {@code RESOURCE_EXHAUSTED} with a {@code RetryInfo} detail and no
   * header, as Gemini sends it.
   */
  public static Reply rateLimited(WireFormat format, Duration retryAfter) {
    if (format == WireFormat.GEMINI) {
      return json(WireFormat.GEMINI, 429, GeminiWire.rateLimited(retryAfter));
    }
    Reply reply = format == WireFormat.OPENAI
        ? openAiError(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again in "
            + OpenAiWire.goDuration(retryAfter) + ".")
        : anthropicError(429, "rate_limit_error", "Number of requests has exceeded your rate limit.");
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    return reply.withHeader("retry-after", Long.toString(seconds));
  }

  /** Any JSON body with this status. */
  public static Reply json(WireFormat format, int status, JsonNode body) {
    return raw(format, status, "application/json", body.toString());
  }

  /** Any body with this status and content type. */
  public static Reply raw(WireFormat format, int status, String contentType, String body) {
    Reply reply = new Reply(format, status);
    reply.body = body.getBytes(StandardCharsets.UTF_8);
    return reply.withHeader("content-type", contentType);
  }

  /** Any list of SSE events, sent as {@code text/event-stream}. */
  public static Reply sse(WireFormat format, List<SseEvent> events) {
    Reply reply = new Reply(format, 200);
    reply.events = List.copyOf(events);
    return reply.withHeader("content-type", "text/event-stream; charset=utf-8").withHeader("cache-control", "no-cache");
  }

  static int promptTokens(RecordedRequest request) {
    return Math.max(1, request.body().length / 4);
  }

  private static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 1 : t.split("\\s+").length;
  }

  private static boolean includeUsage(RecordedRequest request) {
    return request.bodyJson().path("stream_options").path("include_usage").asBoolean(false);
  }

  private static int inputCount(JsonNode input) {
    if (!input.isArray() || input.isEmpty()) {
      return 1;
    }
    return input.get(0).isNumber() ? 1 : input.size();
  }

  static List<String> fragments(String text, int parts) {
    List<String> out = new ArrayList<>();
    int size = Math.max(1, (text.length() + parts - 1) / parts);
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }
}
