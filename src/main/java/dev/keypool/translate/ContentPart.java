package dev.keypool.translate;

import java.util.List;

/** One piece of message content in the canonical model: text, an image, a tool call or result, thinking. */
public sealed interface ContentPart {

  /** Plain text. */
  record Text(String text) implements ContentPart {}

  /**
   * An image, either by URL ({@code url} set) or inline ({@code mediaType} and base64 {@code data} set).
   */
  record Image(String url, String mediaType, String data) implements ContentPart {
    public static Image ofUrl(String url) {
      return new Image(url, null, null);
    }

    public static Image ofBase64(String mediaType, String data) {
      return new Image(null, mediaType, data);
    }

    public boolean isUrl() {
      return url != null;
    }
  }

  /** A tool call made by the assistant; {@code argumentsJson} is the arguments object as JSON text. */
  record ToolCall(String id, String name, String argumentsJson) implements ContentPart {}

  /** The result of a tool call, answering {@code callId}; its content is text and images. */
  record ToolResult(String callId, List<ContentPart> content, boolean isError) implements ContentPart {
    public ToolResult {
      content = List.copyOf(content);
    }
  }

  /** Reasoning the model showed; {@code signature} (Anthropic) lets it be sent back verbatim. */
  record Thinking(String text, String signature) implements ContentPart {}

  /** Reasoning the upstream encrypted (Anthropic {@code redacted_thinking}); only useful sent back as is. */
  record RedactedThinking(String data) implements ContentPart {}
}
