package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.UntranslatableRequest;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Message;
import dev.keypool.translate.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's legacy text completions ({@code POST /v1/completions}) as chat, for upstreams that serve chat
 * only: the prompt becomes one user message and the chat answer a {@code text_completion}. Options
 * that have no chat equivalent are refused rather than silently dropped, since the client would get a
 * different answer than it asked for. Pure.
 */
public final class OpenAiCompletions {
  /** What the API does when {@code max_tokens} is left out. */
  public static final int DEFAULT_MAX_TOKENS = 16;

  private static final Set<String> KNOWN = Set.of("model", "prompt", "max_tokens", "temperature", "top_p", "stop",
      "stream", "stream_options", "user", "echo", "suffix", "logprobs", "best_of", "n");

  private OpenAiCompletions() {}

  /**
   * A completions body as a canonical chat request.
   *
   * @throws UntranslatableRequest naming the option when the request cannot be served as chat
   */
  public static ChatRequest readRequest(JsonNode body) {
    refuseUnlessAbsent(body, "echo", v -> v.isBoolean() && !v.asBoolean());
    refuseUnlessAbsent(body, "suffix", v -> v.isTextual() && v.asText().isEmpty());
    refuseUnlessAbsent(body, "logprobs", v -> false);
    refuseUnlessAbsent(body, "best_of", v -> v.isIntegralNumber() && v.asInt() == 1);
    refuseUnlessAbsent(body, "n", v -> v.isIntegralNumber() && v.asInt() == 1);
    Integer maxTokens = Nodes.integer(body, "max_tokens");
    boolean stream = Boolean.TRUE.equals(Nodes.bool(body, "stream"));
    List<ContentPart> prompt = List.of(new ContentPart.Text(prompt(body.get("prompt"))));
    return new ChatRequest(Nodes.text(body, "model"), List.of(), List.of(new Message(Message.Role.USER, prompt)),
        List.of(), null, null, maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS, Nodes.decimal(body, "temperature"),
        Nodes.decimal(body, "top_p"), null, Nodes.strings(body.get("stop")), stream,
        stream && body.path("stream_options").path("include_usage").asBoolean(false), Nodes.text(body, "user"),
        Nodes.unknownFields(ProviderFormat.OPENAI, body, KNOWN), null);
  }

  private static void refuseUnlessAbsent(JsonNode body, String field, java.util.function.Predicate<JsonNode> harmless) {
    JsonNode v = body.get(field);
    if (v != null && !v.isNull() && !harmless.test(v)) {
      throw new UntranslatableRequest("'" + field + "' is not supported for this model: its upstream serves "
          + "chat only, which has no equivalent. Leave it out.");
    }
  }

  /** One prompt only: several prompts are several completions, and token-id prompts have no chat form. */
  private static String prompt(JsonNode prompt) {
    if (prompt != null && prompt.isTextual()) {
      return prompt.asText();
    }
    if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
      return prompt.get(0).asText();
    }
    throw new UntranslatableRequest("'prompt' must be one string for this model: its upstream serves chat only, "
        + "so several prompts and token ids are not supported.");
  }

  /**
   * A canonical request (read from a completions body) as a completions body again, for a fake stream
   * to a provider that serves completions: the model may know nothing but completions.
   */
  public static ObjectNode writeRequest(ChatRequest r) {
    ObjectNode body = F.objectNode().put("model", r.model()).put("prompt", text(r.messages().getFirst().content()));
    Nodes.putIfNotNull(body, "max_tokens", r.maxTokens());
    Nodes.putIfNotNull(body, "temperature", r.temperature());
    Nodes.putIfNotNull(body, "top_p", r.topP());
    if (!r.stop().isEmpty()) {
      r.stop().forEach(body.putArray("stop")::add);
    }
    Nodes.putIfNotNull(body, "user", r.user());
    if (r.stream()) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", r.includeUsage());
    }
    r.extras().fieldsFor(ProviderFormat.OPENAI).forEach(body::set);
    return body;
  }

  /** A {@code text_completion} body as a canonical response. */
  public static ChatResponse readResponse(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    return new ChatResponse(Nodes.text(body, "id"), Nodes.text(body, "model"),
        List.of(new ContentPart.Text(choice.path("text").asText(""))),
        OpenAiFinishReasons.read(Nodes.text(choice, "finish_reason")), null, OpenAiUsage.read(body.get("usage")), null);
  }

  /** A canonical chat response as a {@code text_completion} body with one choice. */
  public static ObjectNode writeResponse(ChatResponse r, long created) {
    ObjectNode body = envelope(r.id(), r.model(), created);
    choice(body, text(r.content()), OpenAiFinishReasons.write(r.stopReason()));
    body.set("usage", OpenAiUsage.write(r.usage()));
    return body;
  }

  /** The fields every completion body and stream chunk starts with. */
  static ObjectNode envelope(String id, String model, long created) {
    return F.objectNode().put("id", id).put("object", "text_completion").put("created", created).put("model", model);
  }

  /** Adds the one choice: completions have {@code text} where chat has a message. */
  static void choice(ObjectNode body, String text, String finishReason) {
    ObjectNode choice = body.putArray("choices").addObject().put("text", text).put("index", 0);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
  }

  /** The answer's text parts joined; reasoning is not part of a completion's text. */
  private static String text(List<ContentPart> content) {
    List<String> texts = new ArrayList<>();
    for (ContentPart p : content) {
      if (p instanceof ContentPart.Text t) {
        texts.add(t.text());
      }
    }
    return String.join("", texts);
  }
}
