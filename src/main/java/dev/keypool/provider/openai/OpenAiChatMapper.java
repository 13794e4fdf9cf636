package dev.keypool.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;

/**
 * The OpenAI chat completions format to and from the canonical model, for non-streamed bodies: the
 * entry point of this package's readers and writers. Pure: JSON trees in, JSON trees out.
 */
public final class OpenAiChatMapper {

  private OpenAiChatMapper() {}

  /** A {@code POST /v1/chat/completions} body as a canonical request. */
  public static ChatRequest readRequest(JsonNode body) {
    return OpenAiRequestReader.read(body);
  }

  /** A canonical request as a {@code POST /v1/chat/completions} body. */
  public static ObjectNode writeRequest(ChatRequest request) {
    return OpenAiRequestWriter.write(request);
  }

  /** A {@code chat.completion} body as a canonical response. */
  public static ChatResponse readResponse(JsonNode body) {
    return OpenAiResponseReader.read(body);
  }

  /**
   * A canonical response as a {@code chat.completion} body; {@code created} (epoch seconds) is used
   * unless the response came from OpenAI and carries its own.
   */
  public static ObjectNode writeResponse(ChatResponse response, long created) {
    return OpenAiResponseWriter.write(response, created);
  }
}
