package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;
import static dev.keypool.translate.Nodes.putIfNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link ChatRequest} as a Gemini {@code generateContent} request body. The model and the
 * stream flag go in the URL, not here. Consecutive messages of the same Gemini role share one content,
 * so tool results (role {@code user}) and the user message after them form one turn, as Gemini expects
 * all responses to one turn's calls together.
 *
 * <p>Gemini's {@code functionResponse} names the function, not the call: the name is looked up from
 * the call with the result's id in the assistant messages before it (the latest one wins when ids
 * repeat across turns). Call ids themselves are not written, since Gemini pairs calls and responses by
 * name and order and ids from another provider mean nothing to it.
 *
 * <p>Gemini 3 models require the {@code thoughtSignature} they returned on each {@code functionCall}
 * part to come back with it in later turns (400 {@code INVALID_ARGUMENT} otherwise): a call whose id
 * carries one ({@link GeminiSignatures}) gets it back on its part. A turn whose calls never came
 * from Gemini has none to send: for Gemini 3 its first call gets Google's stand-in value instead.
 *
 * <p>{@link Role#SYSTEM} messages (system content inside the conversation) are appended, in order, to
 * {@code systemInstruction} after the request's system prompt: Gemini has no system turn, and folding
 * them into a user turn would make the model answer them instead of the user. The reasoning becomes
 * {@code generationConfig.thinkingConfig} ({@link GeminiReasoning}).
 *
 * <p>Dropped: thinking parts of earlier turns (Gemini does not take thought text back, and signatures
 * are provider-specific), {@code parallelToolCalls} (Gemini has no switch), the user id, images in tool
 * results, and the list of several allowed functions (the canonical model has none).
 */
final class GeminiRequestWriter {
  /** The extras key under which unknown {@code generationConfig} fields travel. */
  static final String GENERATION_CONFIG = "generationConfig";

  private GeminiRequestWriter() {}

  static ObjectNode write(ChatRequest req) {
    ObjectNode body = F.objectNode();
    ArrayNode contents = contents(req.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList());
    if (needsSignatures(req.model())) {
      contents.forEach(GeminiRequestWriter::signUnsignedCalls);
    }
    body.set("contents", contents);
    List<ContentPart> system = new ArrayList<>(req.system());
    req.messages().stream().filter(m -> m.role() == Role.SYSTEM).forEach(m -> system.addAll(m.content()));
    if (!system.isEmpty()) {
      body.putObject("systemInstruction").set("parts", parts(system, Map.of()));
    }
    if (!req.tools().isEmpty()) {
      ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
      req.tools().forEach(t -> declarations.add(declaration(t)));
    }
    if (req.toolChoice() != null) {
      body.putObject("toolConfig").set("functionCallingConfig", toolChoice(req.toolChoice()));
    }
    Map<String, JsonNode> extras = req.extras().fieldsFor(ProviderFormat.GEMINI);
    ObjectNode gen = generationConfig(req, extras.get(GENERATION_CONFIG));
    if (!gen.isEmpty()) {
      body.set("generationConfig", gen);
    }
    extras.forEach((k, v) -> {
      if (!k.equals(GENERATION_CONFIG)) {
        body.set(k, v);
      }
    });
    return body;
  }

  /** Messages that leave no Gemini part (only thinking, say) are skipped: Gemini rejects empty contents. */
  private static ArrayNode contents(List<Message> messages) {
    ArrayNode out = F.arrayNode();
    Map<String, String> toolNames = new HashMap<>();
    String lastRole = null;
    ArrayNode parts = null;
    for (Message m : messages) {
      m.content().forEach(p -> {
        if (p instanceof ToolCall c) {
          toolNames.put(c.id(), c.name());
        }
      });
      ArrayNode written = parts(m.role() == Role.ASSISTANT ? withoutThinking(m.content()) : m.content(), toolNames);
      if (written.isEmpty()) {
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "model" : "user";
      if (!role.equals(lastRole)) {
        parts = out.addObject().put("role", role).putArray("parts");
        lastRole = role;
      }
      parts.addAll(written);
    }
    return out;
  }

  /**
   * Google's documented stand-in for a missing signature. A model turn whose calls never came from
   * Gemini (history begun on another provider, or rebuilt by the client) has no signature to send back;
   * Gemini 3 refuses such a turn with 400 unless its first call carries this value.
   */
  static final String SIGNATURE_STAND_IN = "skip_thought_signature_validator";

  private static final Pattern GEMINI_MAJOR = Pattern.compile("^(?:models/)?gemini-(\\d+)");

  /** Whether {@code model} is Gemini 3 or later, whose function calls must carry thought signatures. */
  static boolean needsSignatures(String model) {
    Matcher m = model == null ? null : GEMINI_MAJOR.matcher(model);
    return m != null && m.find() && Integer.parseInt(m.group(1)) >= 3;
  }

  /**
   * Gives the first function call of a model turn the stand-in when none of the turn's calls has a
   * signature (for parallel calls Gemini signs only the first, so a turn with one is left alone).
   */
  private static void signUnsignedCalls(JsonNode content) {
    if (!"model".equals(content.path("role").asText())) {
      return;
    }
    ObjectNode first = null;
    for (JsonNode part : content.path("parts")) {
      if (part.has("functionCall")) {
        if (part.has("thoughtSignature")) {
          return;
        }
        first = first == null ? (ObjectNode) part : first;
      }
    }
    if (first != null) {
      first.put("thoughtSignature", SIGNATURE_STAND_IN);
    }
  }

  private static List<ContentPart> withoutThinking(List<ContentPart> parts) {
    return parts.stream().filter(p -> !(p instanceof ContentPart.Thinking)).toList();
  }

  private static ArrayNode parts(List<ContentPart> parts, Map<String, String> toolNames) {
    ArrayNode out = F.arrayNode();
    for (ContentPart p : parts) {
      ObjectNode part = GeminiContent.write(p, p instanceof ToolResult r ? toolNames.get(r.callId()) : null);
      if (part != null) {
        out.add(part);
      }
    }
    return out;
  }

  private static ObjectNode declaration(Tool t) {
    ObjectNode fn = F.objectNode().put("name", t.name());
    putIfNotNull(fn, "description", t.description());
    if (!GeminiSchema.isEmptyObject(t.parameters())) {
      fn.set("parameters", GeminiSchema.write(t.parameters()));
    }
    return fn;
  }

  private static ObjectNode toolChoice(ToolChoice c) {
    ObjectNode config = F.objectNode();
    switch (c.mode()) {
      case AUTO -> config.put("mode", "AUTO");
      case NONE -> config.put("mode", "NONE");
      case REQUIRED -> config.put("mode", "ANY");
      case SPECIFIC -> config.put("mode", "ANY").putArray("allowedFunctionNames").add(c.name());
    }
    return config;
  }

  private static ObjectNode generationConfig(ChatRequest req, JsonNode extra) {
    ObjectNode gen = F.objectNode();
    if (!req.stop().isEmpty()) {
      ArrayNode stop = gen.putArray("stopSequences");
      req.stop().forEach(stop::add);
    }
    putIfNotNull(gen, "maxOutputTokens", req.maxTokens());
    putIfNotNull(gen, "temperature", req.temperature());
    putIfNotNull(gen, "topP", req.topP());
    putIfNotNull(gen, "topK", req.topK());
    putIfNotNull(gen, "thinkingConfig", GeminiReasoning.write(req.reasoning(), req.model()));
    if (extra != null && extra.isObject()) {
      extra.fields().forEachRemaining(e -> gen.set(e.getKey(), e.getValue()));
    }
    return gen;
  }
}
