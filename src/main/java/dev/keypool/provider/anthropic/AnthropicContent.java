package dev.keypool.provider.anthropic;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Image;
import dev.keypool.translate.ContentPart.RedactedThinking;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.ContentPart.Thinking;
import dev.keypool.translate.ContentPart.ToolCall;
import dev.keypool.translate.ContentPart.ToolResult;
import dev.keypool.translate.Nodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic content blocks ({@code text}, {@code image} with a {@code base64} or {@code url} source,
 * {@code tool_use}, {@code tool_result}, {@code thinking}, {@code redacted_thinking}) to canonical parts
 * and back. Blocks without a canonical counterpart ({@code document}, server tool blocks) are dropped,
 * and so are {@code cache_control} marks and citations.
 */
final class AnthropicContent {

  private AnthropicContent() {}

  /** A string or an array of blocks, as parts. */
  static List<ContentPart> read(JsonNode content) {
    List<ContentPart> parts = new ArrayList<>();
    if (content == null || content.isNull()) {
      return parts;
    }
    if (content.isTextual()) {
      parts.add(new Text(content.asText()));
      return parts;
    }
    content.forEach(block -> {
      ContentPart part = block(block);
      if (part != null) {
        parts.add(part);
      }
    });
    return parts;
  }

  static ContentPart block(JsonNode b) {
    return switch (String.valueOf(Nodes.text(b, "type"))) {
      case "text" -> new Text(Nodes.text(b, "text"));
      case "image" -> image(b.path("source"));
      case "tool_use" -> new ToolCall(Nodes.text(b, "id"), Nodes.text(b, "name"),
          b.has("input") ? b.get("input").toString() : "{}");
      case "tool_result" -> new ToolResult(Nodes.text(b, "tool_use_id"), read(b.get("content")),
          Boolean.TRUE.equals(Nodes.bool(b, "is_error")));
      case "thinking" -> new Thinking(Nodes.text(b, "thinking"), Nodes.text(b, "signature"));
      case "redacted_thinking" -> new RedactedThinking(Nodes.text(b, "data"));
      default -> null;
    };
  }

  private static Image image(JsonNode source) {
    return "url".equals(Nodes.text(source, "type")) ? Image.ofUrl(Nodes.text(source, "url"))
        : Image.ofBase64(Nodes.text(source, "media_type"), Nodes.text(source, "data"));
  }

  /** A single text part is written as a plain string, anything else as an array of blocks. */
  static JsonNode write(List<ContentPart> parts) {
    List<ContentPart> kept = parts.stream().filter(AnthropicContent::writable).toList();
    if (kept.size() == 1 && kept.get(0) instanceof Text t) {
      return F.textNode(t.text());
    }
    ArrayNode out = F.arrayNode();
    kept.forEach(p -> out.add(block(p)));
    return out;
  }

  /**
   * Anthropic rejects empty text blocks and thinking blocks without a signature (reasoning read from
   * an OpenAI-format upstream has none), so those are left out.
   */
  private static boolean writable(ContentPart p) {
    return switch (p) {
      case Text t -> t.text() != null && !t.text().isEmpty();
      case Thinking t -> t.signature() != null && !t.signature().isEmpty();
      default -> true;
    };
  }

  static ObjectNode block(ContentPart part) {
    return switch (part) {
      case Text t -> F.objectNode().put("type", "text").put("text", t.text());
      case Image i -> {
        ObjectNode b = F.objectNode().put("type", "image");
        if (i.isUrl()) {
          b.putObject("source").put("type", "url").put("url", i.url());
        } else {
          b.putObject("source").put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
        }
        yield b;
      }
      case ToolCall c -> {
        ObjectNode b = F.objectNode().put("type", "tool_use").put("id", c.id()).put("name", c.name());
        b.set("input", Nodes.parseOrEmpty(c.argumentsJson()));
        yield b;
      }
      case ToolResult r -> {
        ObjectNode b = F.objectNode().put("type", "tool_result").put("tool_use_id", r.callId());
        b.set("content", write(r.content()));
        if (r.isError()) {
          b.put("is_error", true);
        }
        yield b;
      }
      case Thinking t -> F.objectNode().put("type", "thinking").put("thinking", t.text())
          .put("signature", t.signature() == null ? "" : t.signature());
      case RedactedThinking r -> F.objectNode().put("type", "redacted_thinking").put("data", r.data());
    };
  }
}
