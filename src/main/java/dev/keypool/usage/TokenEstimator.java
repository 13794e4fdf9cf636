package dev.keypool.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A token counter for requests and served text when the upstream reports no usage. It is an
 * <em>estimate</em>: it tokenizes with OpenAI's {@code o200k_base} for every model (Anthropic's and
 * other tokenizers are not public and differ by some percent), counts text only (images, audio and
 * files count 0), and adds a fixed overhead per message for the chat template.
 *
 * <p>The tokenizer's work is bounded: the strings of a request go through one {@link TextTally}, exact
 * for the first 64K chars and sampled beyond, so a 10 MB prompt costs about as much to estimate as
 * half a megabyte. Reading the body's JSON still takes time linear in its size, so large bodies are
 * estimated off the event loop (see {@code relay/InputEstimates}). Special tokens in user text
 * ({@code <|endoftext|>}) are counted as ordinary text. Thread-safe.
 */
public class TokenEstimator {

  /** Loads the tokenizer's tables at start-up, off the event loops that count served text later. */
  public static void loadTokenizer() {
    O200k.load();
  }

  /** Tokens the chat template adds around each message (role and separators). */
  static final int PER_MESSAGE = 3;
  /** Tokens that prime the assistant's reply after the last message. */
  static final int REPLY_PRIMING = 3;

  /** The tokens of {@code text} in {@code o200k_base} (see {@link O200k}); 0 for null or empty text. */
  public long countText(String text) {
    return O200k.count(text);
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
    Count count = new Count();
    count.content(root.get("system"));
    count.content(root.get("instructions"));
    count.content(root.get("input"));
    count.content(root.get("prompt"));
    JsonNode messages = root.get("messages");
    if (messages != null && messages.isArray() && !messages.isEmpty()) {
      for (JsonNode m : messages) {
        count.fixed += PER_MESSAGE;
        count.content(m.get("content"));
        count.content(m.get("name"));
        count.toolCalls(m.get("tool_calls"));
      }
      count.fixed += REPLY_PRIMING;
    }
    JsonNode tools = root.get("tools");
    if (tools != null && tools.isArray()) {
      for (JsonNode tool : tools) {
        count.text(tool.toString());
      }
    }
    return count.fixed + count.texts.tokens();
  }

  /** One body's count: each string counted apart, as its own text, through one bounded tally. */
  private static final class Count {
    final TextTally texts = new TextTally();
    long fixed;

    void text(String s) {
      texts.append(s);
      texts.endText();
    }

    /** A string, an array of strings or blocks, or one block. */
    void content(JsonNode node) {
      if (node == null || node.isNull()) {
        return;
      }
      if (node.isTextual()) {
        text(node.asText());
      } else if (node.isArray()) {
        for (JsonNode item : node) {
          if (item.isObject()) {
            block(item);
          } else if (item.isIntegralNumber()) {
            fixed++; // a number in a list is a token id (embeddings and completions accept pre-tokenized input)
          } else {
            content(item);
          }
        }
      } else if (node.isObject()) {
        block(node);
      }
    }

    /** One content block of either format; images and other media count 0. */
    private void block(JsonNode b) {
      content(b.get("text"));
      content(b.get("thinking"));
      content(b.get("content"));
      JsonNode input = b.get("input");
      if (input != null && !input.isNull()) {
        text(input.isTextual() ? input.asText() : input.toString());
      }
    }

    void toolCalls(JsonNode calls) {
      if (calls != null && calls.isArray()) {
        for (JsonNode call : calls) {
          JsonNode fn = call.path("function");
          content(fn.get("name"));
          content(fn.get("arguments"));
        }
      }
    }
  }
}
