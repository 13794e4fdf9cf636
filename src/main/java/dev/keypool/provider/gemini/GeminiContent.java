package dev.keypool.provider.gemini;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Image;
import dev.keypool.translate.ContentPart.RedactedThinking;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.Thinking;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Nodes;
import java.util.List;

/**
 * Gemini {@code Part}s to canonical parts and back: {@code text} (with {@code thought: true} it is
 * reasoning), {@code inlineData} (base64 image), {@code fileData} (an image by URI), {@code functionCall}
 * and {@code functionResponse}. Parts with no canonical counterpart ({@code executableCode},
 * {@code codeExecutionResult}, video metadata) are dropped, and so are empty text parts (Gemini's last
 * stream chunk may carry one that holds only a {@code thoughtSignature}). The canonical model has images
 * only, so {@code inlineData} and {@code fileData} of any MIME type (a PDF, say) read as an image; the
 * MIME type of a {@code fileData} is kept in the image's media type.
 *
 * <p>A {@code thoughtSignature} on a {@code functionCall} of a response travels inside the call's id
 * ({@link GeminiSignatures}) and is written back on the {@code functionCall} part when that id returns,
 * as Gemini 3 requires. Other signatures are not carried: the canonical thinking signature is
 * Anthropic's, and a Gemini signature handed to another provider would be rejected.
 *
 * <p>A {@code functionResponse.response} is a JSON object; Gemini's convention is {@code output} for
 * the result and {@code error} for a failure. Reading, an object holding only one of those as a string
 * becomes that text (an error result for {@code error}); any other object becomes its JSON text.
 * Writing, result text that is a JSON object is sent as the object itself, other text as
 * {@code {"output": text}} ({@code {"error": text}} for an error result); images in results are dropped.
 */
final class GeminiContent {

  private GeminiContent() {}

  /**
   * One part as a canonical part, or null when it has none.
   *
   * @param keepSignature whether a function call's {@code thoughtSignature} goes into its id (parts of a
   *     response, which a client of another format will send back)
   */
  static ContentPart read(JsonNode part, GeminiCallIds ids, boolean keepSignature) {
    String text = GeminiFields.text(part, "text");
    if (text != null) {
      if (text.isEmpty()) {
        return null;
      }
      return part.path("thought").asBoolean(false) ? new Thinking(text, null) : new Text(text);
    }
    JsonNode inline = GeminiFields.get(part, "inlineData");
    if (inline != null) {
      return Image.ofBase64(GeminiFields.text(inline, "mimeType"), GeminiFields.text(inline, "data"));
    }
    JsonNode file = GeminiFields.get(part, "fileData");
    if (file != null) {
      return new Image(GeminiFields.text(file, "fileUri"), GeminiFields.text(file, "mimeType"), null);
    }
    JsonNode call = GeminiFields.get(part, "functionCall");
    if (call != null) {
      String name = Nodes.text(call, "name");
      JsonNode args = call.get("args");
      String signature = keepSignature ? GeminiFields.text(part, "thoughtSignature") : null;
      return new ToolCall(ids.call(Nodes.text(call, "id"), name, signature), name,
          args == null || args.isNull() ? "{}" : args.toString());
    }
    JsonNode response = GeminiFields.get(part, "functionResponse");
    if (response != null) {
      String name = Nodes.text(response, "name");
      return result(ids.result(Nodes.text(response, "id"), name), response.path("response"));
    }
    return null;
  }

  private static ToolResult result(String callId, JsonNode response) {
    if (response.isObject() && response.size() == 1) {
      String output = Nodes.text(response, "output");
      if (output != null && response.get("output").isTextual()) {
        return new ToolResult(callId, List.of(new Text(output)), false);
      }
      String error = Nodes.text(response, "error");
      if (error != null && response.get("error").isTextual()) {
        return new ToolResult(callId, List.of(new Text(error)), true);
      }
    }
    String json = response.isMissingNode() ? "{}" : response.toString();
    return new ToolResult(callId, List.of(new Text(json)), false);
  }

  /**
   * One canonical part as a Gemini part, or null when Gemini has no counterpart
   * ({@link RedactedThinking}). {@code toolName} names the function of a {@link ToolResult}'s call.
   */
  static ObjectNode write(ContentPart part, String toolName) {
    return switch (part) {
      case Text t -> t.text() == null || t.text().isEmpty() ? null : F.objectNode().put("text", t.text());
      case Thinking t -> t.text() == null || t.text().isEmpty() ? null
          : F.objectNode().put("text", t.text()).put("thought", true);
      case Image i -> image(i);
      case ToolCall c -> {
        ObjectNode p = F.objectNode();
        p.putObject("functionCall").put("name", c.name()).set("args", Nodes.parseOrEmpty(c.argumentsJson()));
        Nodes.putIfNotNull(p, "thoughtSignature", GeminiSignatures.signature(c.id()));
        yield p;
      }
      case ToolResult r -> {
        ObjectNode p = F.objectNode();
        p.putObject("functionResponse").put("name", toolName).set("response", response(r));
        yield p;
      }
      case RedactedThinking ignored -> null;
    };
  }

  private static ObjectNode image(Image i) {
    ObjectNode p = F.objectNode();
    if (i.isUrl()) {
      ObjectNode file = p.putObject("fileData");
      Nodes.putIfNotNull(file, "mimeType", i.mediaType());
      file.put("fileUri", i.url());
    } else {
      p.putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.data());
    }
    return p;
  }

  private static JsonNode response(ToolResult r) {
    StringBuilder sb = new StringBuilder();
    r.content().forEach(p -> {
      if (p instanceof Text t) {
        sb.append(t.text());
      }
    });
    String text = sb.toString();
    if (r.isError()) {
      return F.objectNode().put("error", text);
    }
    JsonNode parsed = jsonObject(text);
    return parsed != null ? parsed : F.objectNode().put("output", text);
  }

  /** The text as a JSON object, or null when it is not one. */
  private static JsonNode jsonObject(String text) {
    if (!text.strip().startsWith("{")) {
      return null;
    }
    try {
      JsonNode n = Nodes.parse(text);
      return n.isObject() ? n : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
