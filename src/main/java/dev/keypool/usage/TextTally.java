package dev.keypool.usage;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A token count of text that arrives in pieces (stream deltas, the strings of a request), in bounded
 * memory and with bounded tokenizer work, however long the text.
 *
 * <p>The text is cut into blocks of about {@link #BLOCK} characters, at a space that follows a word
 * (where the tokenizer would split anyway, so the cut costs no accuracy) or, in text without spaces, at
 * the block length. The first {@link #EXACT_CHARS} characters are tokenized whole: the count is exact
 * for every usual answer and prompt. Beyond, the text is split into groups, and one block per group,
 * at a random character position, is tokenized. All the text is also counted in {@link TextUnits}
 * (words, numbers, punctuation runs, CJK characters: a cheap scan that follows the tokens far more
 * closely than characters do, as prose, code and CJK differ fourfold in tokens per character but
 * little in tokens per unit), and the samples' tokens per unit scale the units of the text. Every
 * {@link #GROUPS_PER_STRATUM} groups the group length doubles, so the tokenized part grows with the
 * logarithm of the length (500,000 characters for 16 MB, under 700,000 for 73 MB) while samples still
 * come from every part of the text. A random position, not a fixed stride, keeps a text from being
 * shaped so that only its cheap parts are sampled. Only the unfinished block is kept.
 *
 * <p>Used from one thread at a time.
 */
public final class TextTally {
  /** The target length of a tokenized block, in chars: a fraction of a millisecond of tokenizer work. */
  static final int BLOCK = 512;
  /** The text tokenized whole before sampling starts. */
  static final int EXACT_CHARS = 64 * 1024;
  /** Groups sampled at one group length before it doubles. */
  static final int GROUPS_PER_STRATUM = 128;
  /** Tokens per char assumed for text of which nothing was tokenized (about 4 chars a token). */
  private static final double DEFAULT_RATIO = 0.25;

  private final RandomGenerator random;
  private final StringBuilder pending = new StringBuilder();
  private long chars;
  private long exactTokens;
  private long exactChars;
  private long tokenizedChars;
  /** The length of a sampling group in chars; 0 while the text is still tokenized whole. */
  private long step;
  private long groupStart;
  private long samplePoint;
  private int groups;
  private long unitsBeyond;
  private double weightedTokens;
  private double weightedUnits;

  public TextTally() {
    this(null);
  }

  /** @param random where the sample positions come from; null for the thread's own generator */
  TextTally(RandomGenerator random) {
    this.random = random;
  }

  /** Adds text that continues the text so far (a stream delta). */
  public void append(CharSequence text) {
    if (text == null) {
      return;
    }
    for (int i = 0; i < text.length(); ) {
      int take = Math.min(text.length() - i, BLOCK);
      pending.append(text, i, i + take);
      i += take;
      while (pending.length() >= BLOCK) {
        int cut = cut();
        emit(pending.substring(0, cut));
        pending.delete(0, cut);
      }
    }
  }

  /** Ends the current text: what comes next is counted apart, as a separate string would be. */
  public void endText() {
    if (!pending.isEmpty()) {
      emit(pending.toString());
      pending.setLength(0);
    }
  }

  /** The estimated tokens of all the text so far (exact up to {@link #EXACT_CHARS} chars). */
  public long tokens() {
    long beyond;
    if (weightedUnits > 0) {
      beyond = Math.round(unitsBeyond * (weightedTokens / weightedUnits));
    } else {
      beyond = Math.round((chars - exactChars) * (exactChars > 0 ? exactTokens / (double) exactChars : DEFAULT_RATIO));
    }
    return exactTokens + beyond + O200k.count(pending.toString());
  }

  /** The chars of all the text so far. */
  public long chars() {
    return chars + pending.length();
  }

  /** The chars handed to the tokenizer so far (the unfinished block aside): the work done. */
  long tokenizedChars() {
    return tokenizedChars;
  }

  /** The chars this tally holds on to: its memory, whatever the length of the text. */
  int retainedChars() {
    return pending.capacity();
  }

  /** Where to end the next block: before a space that follows a word, else at the block length. */
  private int cut() {
    for (int c = Math.min(BLOCK, pending.length() - 1); c > BLOCK / 2; c--) {
      if (pending.charAt(c) == ' ' && !Character.isWhitespace(pending.charAt(c - 1))) {
        return c;
      }
    }
    return Character.isHighSurrogate(pending.charAt(BLOCK - 1)) ? BLOCK - 1 : BLOCK;
  }

  private void emit(String block) {
    long start = chars;
    long end = start + block.length();
    chars = end;
    if (step == 0) {
      exactTokens += O200k.count(block);
      exactChars += block.length();
      tokenizedChars += block.length();
      if (end >= EXACT_CHARS) {
        step = 2L * BLOCK;
        groupStart = end;
        samplePoint = groupStart + nextLong(step);
      }
      return;
    }
    int units = TextUnits.count(block);
    unitsBeyond += units;
    long tokens = -1;
    while (samplePoint < end) {
      if (tokens < 0) {
        tokens = O200k.count(block);
        tokenizedChars += block.length();
      }
      // The block holding the sample point stands for its whole group (Hansen-Hurwitz), for its tokens
      // and its units alike; the ratio of the two scales the units counted in all the text.
      weightedTokens += tokens * (double) step / block.length();
      weightedUnits += units * (double) step / block.length();
      nextGroup();
    }
  }

  private void nextGroup() {
    groupStart += step;
    if (++groups == GROUPS_PER_STRATUM) {
      groups = 0;
      step *= 2;
    }
    samplePoint = groupStart + nextLong(step);
  }

  private long nextLong(long bound) {
    return (random != null ? random : ThreadLocalRandom.current()).nextLong(bound);
  }
}
