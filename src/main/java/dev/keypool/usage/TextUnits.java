package dev.keypool.usage;

/**
 * A cheap stand-in for tokens: the pieces a tokenizer's pre-split would make, counted in one pass
 * without tokenizing. A unit is a word (a run of letters, or each word of a camelCase name), a number's group of up to three digits, a
 * run of punctuation or symbols, a line break after text, and each CJK, kana, Hangul or emoji
 * character (scripts whose characters are each about a token). Tokens per unit vary much less between
 * prose, code and CJK than tokens per character do, which is what makes it worth counting:
 * {@link TextTally} scales the units of all the text by the tokens per unit of its samples.
 */
final class TextUnits {
  private static final int SPACE = 0;
  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  private static final int OTHER = 3;
  private static final int WIDE = 4;
  /** Where the scripts written without spaces start (CJK radicals); surrogates (emoji) are above. */
  private static final char FIRST_WIDE = '\u2E80';

  private TextUnits() {}

  static int count(CharSequence text) {
    int units = 0;
    int previous = SPACE;
    int digits = 0;
    char last = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLowSurrogate(c)) {
        continue; // its high surrogate counted the character
      }
      int kind = c >= FIRST_WIDE ? WIDE : Character.isLetter(c) ? LETTER : Character.isDigit(c) ? DIGIT
          : Character.isWhitespace(c) ? SPACE : OTHER;
      if (kind == WIDE) {
        units++;
      } else if (kind == DIGIT) {
        digits = previous == DIGIT ? digits + 1 : 1;
        units += digits % 3 == 1 ? 1 : 0;
      } else if (kind == SPACE) {
        units += c == '\n' && previous != SPACE ? 1 : 0;
      } else if (kind != previous || kind == LETTER && Character.isUpperCase(c) && Character.isLowerCase(last)) {
        units++; // a new run, or a new word inside a camelCase name
      }
      previous = kind;
      last = c;
    }
    return units;
  }
}
