package dev.keypool.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;

/**
 * The Anthropic messages format to and from the canonical model, for non-streamed bodies: the entry
 * point of this package's readers and writers. Pure: JSON trees in, JSON trees out.
 */
public final class AnthropicMessagesMapper {

  private AnthropicMessagesMapper() {}

  /** A {@code POST /v1/messages} body as a canonical request. */
  public static ChatRequest readRequest(JsonNode body) {
    return AnthropicRequestReader.read(body);
  }

  /**
   * A canonical request as a {@code POST /v1/messages} body valid for {@code version};
   * {@code defaultMaxTokens} (the route's default) is used when the request sets no cap.
   */
  public static ObjectNode writeRequest(ChatRequest request, AnthropicVersion version, int defaultMaxTokens) {
    return AnthropicRequestWriter.write(request, version, defaultMaxTokens);
  }

  /** A {@code message} body as a canonical response. */
  public static ChatResponse readResponse(JsonNode body) {
    return AnthropicResponseReader.read(body);
  }

  /** A canonical response as a {@code message} body. */
  public static ObjectNode writeResponse(ChatResponse response) {
    return AnthropicResponseWriter.write(response);
  }
}
