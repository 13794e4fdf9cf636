package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * A token counter for requests and served text when the upstream reports no usage. It is an
 * <em>estimate</em>: it tokenizes with OpenAI's {@code o200k_base} for every model (Anthropic's and
 * other tokenizers are not public and differ by some percent), counts text only (images, audio and
 * files count 0), and adds a fixed overhead per message for the chat template.
 *
 * <p>Special tokens in user text ({@code <|endoftext|>}) are counted as ordinary text. Thread-safe;
 * the encoding is loaded once, on first use.
 */
public final class TokenEstimator {

  /** Tokens the chat template adds around each message (role and separators). */
  static final int PER_MESSAGE = 3;
  /** Tokens that prime the assistant's reply after the last message. */
  static final int REPLY_PRIMING = 3;

  private static final class Holder {
    static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  /** The tokens of {@code text} in {@code o200k_base}; 0 for null or empty text. */
  public long countText(String text) {
    return text == null || text.isEmpty() ? 0 : Holder.O200K.countTokensOrdinary(text);
  }

  /**
   * The input tokens of a request body in the OpenAI or Anthropic format: the text of {@code system},
   * {@code instructions}, {@code messages} (content strings and text blocks, tool calls and their
   * arguments, tool uses and results, thinking), the JSON of {@code tools}, and an embeddings or
   * completions {@code input}/{@code prompt}, plus {@link #PER_MESSAGE} per message and
   * {@link #REPLY_PRIMING} once. 0 for a body that is not a JSON object.
   */
  public long estimateInput(byte[] requestBody) {
    JsonNode root = UsageJson.object(requestBody);
    if (root == null) {
      return 0;
    }
    long tokens = content(root.get("system")) + content(root.get("instructions"))
        + content(root.get("input")) + content(root.get("prompt"));
    JsonNode messages = root.get("messages");
    if (messages != null && messages.isArray() && !messages.isEmpty()) {
      for (JsonNode m : messages) {
        tokens += PER_MESSAGE + content(m.get("content")) + content(m.get("name")) + toolCalls(m.get("tool_calls"));
      }
      tokens += REPLY_PRIMING;
    }
    JsonNode tools = root.get("tools");
    if (tools != null && tools.isArray()) {
      for (JsonNode tool : tools) {
        tokens += countText(tool.toString());
      }
    }
    return tokens;
  }

  /** An estimated usage: the request's input and the served text's output, all uncached. */
  public Usage estimate(byte[] requestBody, String servedText) {
    return Usage.of(estimateInput(requestBody), countText(servedText));
  }

  /** A string, an array of strings or blocks, or one block. */
  private long content(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (node.isTextual()) {
      return countText(node.asText());
    }
    long tokens = 0;
    if (node.isArray()) {
      for (JsonNode item : node) {
        // A number in a list is a token id (embeddings and completions accept pre-tokenized input).
        tokens += item.isObject() ? block(item) : item.isIntegralNumber() ? 1 : content(item);
      }
      return tokens;
    }
    return node.isObject() ? block(node) : 0;
  }

  /** One content block of either format; images and other media count 0. */
  private long block(JsonNode b) {
    long tokens = content(b.get("text")) + content(b.get("thinking")) + content(b.get("content"));
    JsonNode input = b.get("input");
    if (input != null && !input.isNull()) {
      tokens += input.isTextual() ? countText(input.asText()) : countText(input.toString());
    }
    return tokens;
  }

  private long toolCalls(JsonNode calls) {
    long tokens = 0;
    if (calls != null && calls.isArray()) {
      for (JsonNode call : calls) {
        JsonNode fn = call.path("function");
        tokens += content(fn.get("name")) + content(fn.get("arguments"));
      }
    }
    return tokens;
  }
}
