package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Nodes;
import java.util.List;
import java.util.Set;

/** Reads an Anthropic {@code message} response body into a {@link ChatResponse}. */
final class AnthropicResponseReader {
  private static final Set<String> KNOWN = Set.of("id", "type", "role", "model", "content", "stop_reason",
      "stop_sequence", "usage");

  private AnthropicResponseReader() {}

  static ChatResponse read(JsonNode body) {
    List<ContentPart> content = AnthropicContent.read(body.path("content"));
    return new ChatResponse(Nodes.text(body, "id"), Nodes.text(body, "model"), content,
        AnthropicStopReasons.read(Nodes.text(body, "stop_reason")), Nodes.text(body, "stop_sequence"),
        AnthropicUsage.read(body.get("usage")), Nodes.unknownFields(ProviderFormat.ANTHROPIC, body, KNOWN));
  }
}
