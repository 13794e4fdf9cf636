package dev.keypool.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI wire format: chat completions, their {@code chat.completion.chunk} stream, embeddings,
 * error bodies and {@code x-ratelimit-*} headers, built as the real API sends them.
 */
final class OpenAiWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OpenAiWire() {}

  static ObjectNode usage(int prompt, int completion) {
    return F.objectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  static ObjectNode completion(String model, ObjectNode message, String finishReason, int prompt, int completion) {
    ObjectNode choice = F.objectNode().put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    ObjectNode root = F.objectNode().put("id", Ids.next("chatcmpl-")).put("object", "chat.completion")
        .put("created", Ids.epochSeconds()).put("model", model);
    root.putArray("choices").add(choice);
    root.set("usage", usage(prompt, completion));
    root.putNull("system_fingerprint");
    return root;
  }

  static ObjectNode textMessage(String text) {
    ObjectNode m = F.objectNode().put("role", "assistant").put("content", text);
    m.putNull("refusal");
    return m;
  }

  static ObjectNode toolCallMessage(String callId, String name, String arguments) {
    ObjectNode m = F.objectNode().put("role", "assistant");
    m.putNull("content");
    m.putNull("refusal");
    ObjectNode call = m.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    return m;
  }

  /** The events of a text stream: role chunk, one chunk per delta, finish chunk, optional usage chunk, [DONE]. */
  static List<SseEvent> textStream(String model, List<String> deltas, int prompt, int completion, boolean includeUsage) {
    List<ObjectNode> deltaNodes = new ArrayList<>();
    ObjectNode first = F.objectNode().put("role", "assistant").put("content", "");
    first.putNull("refusal");
    deltaNodes.add(first);
    deltas.forEach(d -> deltaNodes.add(F.objectNode().put("content", d)));
    return stream(model, deltaNodes, "stop", prompt, completion, includeUsage);
  }

  /** The events of a streamed tool call, its arguments split over several chunks. */
  static List<SseEvent> toolCallStream(String model, String name, List<String> argumentFragments,
      int prompt, int completion, boolean includeUsage) {
    List<ObjectNode> deltaNodes = new ArrayList<>();
    ObjectNode first = F.objectNode().put("role", "assistant");
    first.putNull("content");
    ObjectNode call = first.putArray("tool_calls").addObject().put("index", 0).put("id", Ids.next("call_"))
        .put("type", "function");
    call.putObject("function").put("name", name).put("arguments", "");
    deltaNodes.add(first);
    for (String fragment : argumentFragments) {
      ObjectNode d = F.objectNode();
      d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
      deltaNodes.add(d);
    }
    return stream(model, deltaNodes, "tool_calls", prompt, completion, includeUsage);
  }

  private static List<SseEvent> stream(String model, List<ObjectNode> deltas, String finishReason,
      int prompt, int completion, boolean includeUsage) {
    String id = Ids.next("chatcmpl-");
    long created = Ids.epochSeconds();
    List<SseEvent> events = new ArrayList<>();
    for (ObjectNode delta : deltas) {
      events.add(chunk(id, created, model, delta, null, includeUsage));
    }
    events.add(chunk(id, created, model, F.objectNode(), finishReason, includeUsage));
    if (includeUsage) {
      ObjectNode last = chunkEnvelope(id, created, model);
      last.putArray("choices");
      last.set("usage", usage(prompt, completion));
      events.add(SseEvent.data(last.toString()));
    }
    events.add(SseEvent.data("[DONE]"));
    return events;
  }

  private static SseEvent chunk(String id, long created, String model, ObjectNode delta, String finish,
      boolean includeUsage) {
    ObjectNode root = chunkEnvelope(id, created, model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    if (includeUsage) {
      root.putNull("usage");
    }
    return SseEvent.data(root.toString());
  }

  private static ObjectNode chunkEnvelope(String id, long created, String model) {
    ObjectNode root = F.objectNode().put("id", id).put("object", "chat.completion.chunk")
        .put("created", created).put("model", model);
    root.putNull("system_fingerprint");
    return root;
  }

  /** An embeddings list with one small deterministic vector per input. */
  /** A legacy {@code text_completion} body with one choice. */
  static ObjectNode textCompletion(String model, String text, int prompt, int completion) {
    ObjectNode root = F.objectNode().put("id", Ids.next("cmpl-")).put("object", "text_completion")
        .put("created", 1_767_607_200L).put("model", model);
    root.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs")
        .put("finish_reason", "stop");
    root.set("usage", usage(prompt, completion));
    return root;
  }

  /** A legacy completions stream: text chunks, a finish chunk, the usage chunk when asked, [DONE]. */
  static List<SseEvent> textCompletionStream(String model, List<String> deltas, int prompt, int completion,
      boolean includeUsage) {
    String id = Ids.next("cmpl-");
    List<SseEvent> events = new java.util.ArrayList<>();
    List<String> texts = new java.util.ArrayList<>(deltas);
    texts.add("");
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode c = F.objectNode().put("id", id).put("object", "text_completion").put("created", 1_767_607_200L)
          .put("model", model);
      c.putArray("choices").addObject().put("text", texts.get(i)).put("index", 0).putNull("logprobs")
          .put("finish_reason", i == texts.size() - 1 ? "stop" : null);
      if (includeUsage) {
        c.putNull("usage");
      }
      events.add(SseEvent.data(c.toString()));
    }
    if (includeUsage) {
      ObjectNode u = F.objectNode().put("id", id).put("object", "text_completion").put("created", 1_767_607_200L)
          .put("model", model);
      u.putArray("choices");
      u.set("usage", usage(prompt, completion));
      events.add(SseEvent.data(u.toString()));
    }
    events.add(SseEvent.data("[DONE]"));
    return events;
  }

  static ObjectNode embeddings(String model, int inputs, int promptTokens) {
    ObjectNode root = F.objectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < inputs; i++) {
      ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
      for (int d = 0; d < 8; d++) {
        vector.add(((i + 1) * (d + 1) % 17) / 17.0 - 0.5);
      }
    }
    root.put("model", model);
    root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
    return root;
  }

  /** {@code {"error":{"message","type","param","code"}}}; a null code is written as JSON null. */
  static ObjectNode error(String type, String code, String message) {
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return root;
  }

  static List<Map.Entry<String, String>> rateLimitHeaders(long limit, long remaining, Duration reset) {
    return List.of(
        Map.entry("x-ratelimit-limit-requests", Long.toString(limit)),
        Map.entry("x-ratelimit-remaining-requests", Long.toString(remaining)),
        Map.entry("x-ratelimit-reset-requests", goDuration(reset)));
  }

  /** Formats a duration the way OpenAI's reset headers do: {@code 12ms}, {@code 1s}, {@code 1.5s}, {@code 6m0s}. */
  static String goDuration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = rest % 1000 == 0 ? Long.toString(rest / 1000)
        : java.math.BigDecimal.valueOf(rest, 3).stripTrailingZeros().toPlainString();
    return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
  }
}
