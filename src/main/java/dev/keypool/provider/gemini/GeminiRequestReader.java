package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Extras;
import dev.keypool.translate.Message;
import dev.keypool.translate.Message.Role;
import dev.keypool.translate.Nodes;
import dev.keypool.translate.Tool;
import dev.keypool.translate.ToolChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Gemini {@code generateContent} request body into a {@link ChatRequest}. The model and
 * whether to stream are not in the body (they are in the URL: {@code models/<model>:generateContent}
 * or {@code :streamGenerateContent}), so the caller passes them; Gemini streams always carry usage.
 * {@code model} contents become assistant messages; the {@code functionResponse} parts of a user content
 * become a {@link Role#TOOL} message and the rest of it a user message after it. Only
 * {@code functionDeclarations} tools are read (Google Search, code execution and URL context tools have
 * no canonical counterpart). {@code toolConfig} mode {@code ANY} with exactly one allowed function
 * reads as that function, with several or none as {@link ToolChoice#REQUIRED} (the list is lost);
 * {@code VALIDATED} reads as {@link ToolChoice#AUTO}. The {@code generationConfig} fields without a
 * canonical meaning ({@code thinkingConfig}, {@code responseMimeType}, {@code seed}, ...) are kept, with
 * the other unknown top-level fields ({@code safetySettings}, {@code cachedContent}), as Gemini extras;
 * {@code thinkingConfig} is also read into the request's reasoning ({@link GeminiThinking}).
 */
final class GeminiRequestReader {
  private static final Set<String> KNOWN = GeminiFields.bothSpellings(List.of("contents", "systemInstruction",
      "tools", "toolConfig", "generationConfig"));
  private static final Set<String> KNOWN_GENERATION = GeminiFields.bothSpellings(List.of("maxOutputTokens",
      "temperature", "topP", "topK", "stopSequences"));

  private GeminiRequestReader() {}

  static ChatRequest read(JsonNode body, String model, boolean stream) {
    GeminiCallIds ids = new GeminiCallIds();
    List<Message> messages = new ArrayList<>();
    for (JsonNode content : body.path("contents")) {
      boolean modelTurn = "model".equals(Nodes.text(content, "role"));
      List<ContentPart> parts = parts(content.path("parts"), ids, modelTurn);
      if (modelTurn) {
        messages.add(new Message(Role.ASSISTANT, parts));
      } else {
        Message.addUserTurn(parts, messages);
      }
    }
    JsonNode gen = GeminiFields.path(body, "generationConfig");
    return new ChatRequest(model, system(GeminiFields.get(body, "systemInstruction"), ids), messages,
        tools(body.path("tools")),
        toolChoice(GeminiFields.path(GeminiFields.path(body, "toolConfig"), "functionCallingConfig")), null,
        integer(gen, "maxOutputTokens"), decimal(gen, "temperature"), decimal(gen, "topP"), integer(gen, "topK"),
        Nodes.strings(GeminiFields.get(gen, "stopSequences")), stream, stream, null, extras(body, gen),
        GeminiThinking.read(GeminiFields.get(gen, "thinkingConfig")));
  }

  /**
   * The {@code systemInstruction}, whatever its shape: a {@code Content} ({@code parts}, with or without
   * a {@code role}, which Gemini ignores there), a bare list of parts, one part, or a plain string (the
   * SDKs accept all of these and some clients send them as such). Only its text is system content.
   */
  private static List<ContentPart> system(JsonNode instruction, GeminiCallIds ids) {
    if (instruction == null || instruction.isNull()) {
      return List.of();
    }
    if (instruction.isTextual()) {
      return instruction.asText().isEmpty() ? List.of() : List.of(new ContentPart.Text(instruction.asText()));
    }
    JsonNode parts = instruction.isArray() ? instruction
        : instruction.has("parts") ? instruction.get("parts") : Nodes.F.arrayNode().add(instruction);
    return parts(parts.isObject() ? Nodes.F.arrayNode().add(parts) : parts, ids, false).stream()
        .filter(p -> p instanceof ContentPart.Text).toList();
  }

  /**
   * The parts of one content. A model turn's function calls keep their {@code thoughtSignature} inside
   * their ids ({@link GeminiSignatures}): a Gemini upstream gets it back, the relay takes it out for
   * any other.
   */
  private static List<ContentPart> parts(JsonNode parts, GeminiCallIds ids, boolean keepSignatures) {
    List<ContentPart> out = new ArrayList<>();
    for (JsonNode p : parts) {
      ContentPart part = GeminiContent.read(p, ids, keepSignatures);
      if (part != null) {
        out.add(part);
      }
    }
    return out;
  }

  private static List<Tool> tools(JsonNode tools) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : tools) {
      for (JsonNode fn : GeminiFields.path(t, "functionDeclarations")) {
        JsonNode jsonSchema = GeminiFields.get(fn, "parametersJsonSchema");
        JsonNode schema = jsonSchema != null ? GeminiSchema.readJsonSchema(jsonSchema)
            : GeminiSchema.read(fn.get("parameters"));
        out.add(new Tool(Nodes.text(fn, "name"), Nodes.text(fn, "description"), schema));
      }
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode config) {
    String mode = Nodes.text(config, "mode");
    if (mode == null) {
      return null;
    }
    JsonNode allowed = GeminiFields.path(config, "allowedFunctionNames");
    return switch (mode) {
      case "NONE" -> ToolChoice.NONE;
      case "ANY" -> allowed.size() == 1 ? ToolChoice.specific(allowed.get(0).asText()) : ToolChoice.REQUIRED;
      default -> ToolChoice.AUTO;
    };
  }

  /** Unknown top-level fields, plus the unknown {@code generationConfig} fields under that key. */
  private static Extras extras(JsonNode body, JsonNode gen) {
    Map<String, JsonNode> fields = new LinkedHashMap<>(Nodes.unknownFields(ProviderFormat.GEMINI, body, KNOWN)
        .fields());
    if (gen.isObject()) {
      ObjectNode rest = Nodes.F.objectNode();
      gen.fields().forEachRemaining(e -> {
        if (!KNOWN_GENERATION.contains(e.getKey())) {
          rest.set(GeminiFields.camel(e.getKey()), e.getValue());
        }
      });
      if (!rest.isEmpty()) {
        fields.put(GeminiRequestWriter.GENERATION_CONFIG, rest);
      }
    }
    return fields.isEmpty() ? Extras.NONE : new Extras(ProviderFormat.GEMINI, fields);
  }

  private static Integer integer(JsonNode node, String camel) {
    JsonNode v = GeminiFields.get(node, camel);
    return v == null || !v.isNumber() ? null : v.intValue();
  }

  private static Double decimal(JsonNode node, String camel) {
    JsonNode v = GeminiFields.get(node, camel);
    return v == null || !v.isNumber() ? null : v.doubleValue();
  }
}
