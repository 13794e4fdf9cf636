package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gemini wire format: {@code GenerateContentResponse} bodies, their stream (one whole response per
 * chunk, cumulative {@code usageMetadata}, the last chunk with the {@code finishReason}), function calls
 * with an optional {@code thoughtSignature}, and Google API error bodies, built as the real API sends them.
 */
final class GeminiWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Token counts as Gemini reports them: {@code cached} is part of {@code prompt}, {@code thoughts} is not part of {@code candidates}. */
  record Counts(int prompt, int candidates, int cached, int thoughts) {}

  private GeminiWire() {}

  static ObjectNode response(String model, List<ObjectNode> parts, String finishReason, Counts counts) {
    ObjectNode root = F.objectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode array = content.putArray("parts");
    parts.forEach(array::add);
    content.put("role", "model");
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    candidate.put("index", 0);
    if (counts != null) {
      root.set("usageMetadata", usage(counts));
    }
    root.put("modelVersion", model);
    root.put("responseId", Ids.next("resp"));
    return root;
  }

  static ObjectNode usage(Counts c) {
    ObjectNode u = F.objectNode().put("promptTokenCount", c.prompt()).put("candidatesTokenCount", c.candidates())
        .put("totalTokenCount", c.prompt() + c.candidates() + c.thoughts());
    if (c.cached() > 0) {
      u.put("cachedContentTokenCount", c.cached());
    }
    if (c.thoughts() > 0) {
      u.put("thoughtsTokenCount", c.thoughts());
    }
    return u;
  }

  static ObjectNode text(String text) {
    return F.objectNode().put("text", text);
  }

  static ObjectNode thought(String text) {
    return F.objectNode().put("text", text).put("thought", true);
  }

  /** A functionCall part; {@code signature} (Gemini 3) sits beside it in the part, or is left out when null. */
  static ObjectNode functionCall(String name, String argsJson, String signature) {
    ObjectNode part = F.objectNode();
    part.putObject("functionCall").put("name", name).set("args", parse(argsJson));
    if (signature != null) {
      part.put("thoughtSignature", signature);
    }
    return part;
  }

  /**
   * A text stream: an optional thought chunk, one chunk per delta with the prompt count so far, and a
   * last chunk with an empty text, the finish reason and the final counts.
   */
  static List<JsonNode> textStream(String model, List<String> deltas, Counts counts, String thoughtText) {
    List<JsonNode> chunks = new ArrayList<>();
    Counts partial = new Counts(counts.prompt(), 0, counts.cached(), 0);
    if (thoughtText != null) {
      chunks.add(response(model, List.of(thought(thoughtText)), null, partial));
    }
    for (String d : deltas) {
      chunks.add(response(model, List.of(text(d)), null, partial));
    }
    chunks.add(response(model, List.of(text("")), "STOP", counts));
    return chunks;
  }

  /** A function call stream: Gemini sends the call whole, in one chunk, with the finish reason. */
  static List<JsonNode> toolCallStream(String model, String name, String argsJson, String signature, Counts counts) {
    return List.of(response(model, List.of(functionCall(name, argsJson, signature)), "STOP", counts));
  }

  /** {@code {"error":{"code","message","status"}}}, with an ErrorInfo reason when given. */
  static ObjectNode error(int code, String status, String message, String reason) {
    ObjectNode root = F.objectNode();
    ObjectNode err = root.putObject("error").put("code", code).put("message", message).put("status", status);
    if (reason != null) {
      err.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
          .put("reason", reason).put("domain", "googleapis.com");
    }
    return root;
  }

  /** Gemini's 429: RESOURCE_EXHAUSTED with a QuotaFailure and a RetryInfo detail (no retry-after header). */
  static ObjectNode rateLimited(Duration retryDelay) {
    ObjectNode root = error(429, "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.", null);
    ArrayNode details = ((ObjectNode) root.get("error")).putArray("details");
    details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure").putArray("violations")
        .addObject().put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
        .put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
    details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
        .put("retryDelay", Math.max(1, retryDelay.toSeconds()) + "s");
    return root;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("function args are not JSON: " + json, e);
    }
  }
}
