package dev.keypool.provider.openai;

import static dev.keypool.translate.Nodes.F;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.ContentPart.Image;
import dev.keypool.translate.ContentPart.Text;
import dev.keypool.translate.Nodes;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI message content, a string or an array of parts ({@code text}, {@code image_url} with a URL or
 * a {@code data:} URL, {@code refusal}), to canonical parts and back. Parts OpenAI chat has but the
 * canonical model does not ({@code input_audio}, {@code file}) are dropped.
 */
public final class OpenAiContent {
  private static final String DATA_PREFIX = "data:";
  private static final String BASE64_MARK = ";base64,";

  private OpenAiContent() {}

  static List<ContentPart> read(JsonNode content) {
    List<ContentPart> parts = new ArrayList<>();
    if (content == null || content.isNull()) {
      return parts;
    }
    if (content.isTextual()) {
      parts.add(new Text(content.asText()));
      return parts;
    }
    for (JsonNode part : content) {
      switch (Nodes.text(part, "type")) {
        case "text" -> parts.add(new Text(Nodes.text(part, "text")));
        case "refusal" -> parts.add(new Text(Nodes.text(part, "refusal")));
        case "image_url" -> parts.add(image(Nodes.text(part.path("image_url"), "url")));
        case null, default -> { }
      }
    }
    return parts;
  }

  /** A {@code data:<media type>;base64,<data>} URL becomes an inline image, any other URL a linked one. */
  public static Image image(String url) {
    if (url != null && url.startsWith(DATA_PREFIX)) {
      int mark = url.indexOf(BASE64_MARK);
      if (mark > 0) {
        return Image.ofBase64(url.substring(DATA_PREFIX.length(), mark), url.substring(mark + BASE64_MARK.length()));
      }
    }
    return Image.ofUrl(url);
  }

  /** A single text part (or none) is written as a plain string, anything else as an array of parts. */
  static JsonNode write(List<ContentPart> parts) {
    if (parts.isEmpty()) {
      return F.textNode("");
    }
    if (parts.size() == 1 && parts.get(0) instanceof Text t) {
      return F.textNode(t.text());
    }
    ArrayNode out = F.arrayNode();
    for (ContentPart part : parts) {
      switch (part) {
        case Text t -> out.addObject().put("type", "text").put("text", t.text());
        case Image i -> {
          ObjectNode p = out.addObject().put("type", "image_url");
          p.putObject("image_url").put("url", i.isUrl() ? i.url() : DATA_PREFIX + i.mediaType() + BASE64_MARK + i.data());
        }
        default -> { }
      }
    }
    return out;
  }

  /** The text parts only, concatenated (for places OpenAI takes a string: tool results, answers). */
  static String joinedText(List<ContentPart> parts) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> {
      if (p instanceof Text t) {
        sb.append(t.text());
      }
    });
    return sb.toString();
  }
}
