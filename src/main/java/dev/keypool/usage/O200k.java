package dev.keypool.usage;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counting in OpenAI's {@code o200k_base}, with work linear in the length of the text.
 *
 * <p>The tokenizer's byte-pair merging costs about the square of the length of each word it is
 * given: 2,048 random letters without a space took 14 ms, 2,048 emoji as long. So a run of more than
 * {@link #MAX_RUN} characters without whitespace is counted in pieces of that length. Natural text
 * (prose, code) has no such runs and counts exactly as the tokenizer counts it; CJK text, which has no
 * spaces, gains at most one token per cut (under 1%). Special tokens ({@code <|endoftext|>}) in the
 * text are counted as ordinary text. Thread-safe; the encoding is loaded once, on first use.
 */
final class O200k {
  /** The longest run of non-whitespace characters given to the tokenizer in one piece. */
  static final int MAX_RUN = 128;

  private static final class Holder {
    static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  private O200k() {}

  /**
   * Loads the encoding now (a few hundred milliseconds of table building), so that the first count,
   * which may run on an event loop, finds it ready.
   */
  static void load() {
    Holder.ENCODING.getName();
  }

  /** The tokens of {@code text}; 0 for null or empty text. */
  static long count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    long tokens = 0;
    int from = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = Character.isWhitespace(c) ? 0 : run + 1;
      if (run > MAX_RUN && !Character.isLowSurrogate(c)) {
        tokens += Holder.ENCODING.countTokensOrdinary(text.substring(from, i));
        from = i;
        run = 1;
      }
    }
    return tokens + Holder.ENCODING.countTokensOrdinary(from == 0 ? text : text.substring(from));
  }
}
