package dev.keypool.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;

/**
 * The Gemini {@code generateContent} format to and from the canonical model, for non-streamed bodies:
 * the entry point of this package's readers and writers. Pure: JSON trees in, JSON trees out.
 *
 * <p>Two things differ from the other formats. The model and the stream flag are not in the body but in
 * the URL ({@code POST /v1beta/models/<model>:generateContent}, or {@code :streamGenerateContent?alt=sse}),
 * so reading takes them and writing leaves them to the caller. And Gemini function calls usually carry
 * no ids: reading numbers them {@code call_0, call_1, ...} in body order and pairs each
 * {@code functionResponse} with the oldest unanswered call of the same name ({@link GeminiCallIds});
 * writing names each response after the function of the call whose id it answers.
 */
public final class GeminiMapper {

  private GeminiMapper() {}

  /** A {@code generateContent} body for {@code model} (from the URL) as a canonical request. */
  public static ChatRequest readRequest(JsonNode body, String model, boolean stream) {
    return GeminiRequestReader.read(body, model, stream);
  }

  /** A canonical request as a {@code generateContent} body (model and streaming go in the URL). */
  public static ObjectNode writeRequest(ChatRequest request) {
    return GeminiRequestWriter.write(request);
  }

  /** A {@code GenerateContentResponse} body as a canonical response. */
  public static ChatResponse readResponse(JsonNode body) {
    return GeminiResponseReader.read(body);
  }

  /** A canonical response as a {@code GenerateContentResponse} body. */
  public static ObjectNode writeResponse(ChatResponse response) {
    return GeminiResponseWriter.write(response);
  }
}
