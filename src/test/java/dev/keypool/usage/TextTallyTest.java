package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTallyTest {
  private final TokenEstimator tokenizer = new TokenEstimator();

  /** Feeds {@code text} in random pieces of 1 to 40 chars, as stream deltas come. */
  static TextTally fedInDeltas(String text, long seed) {
    TextTally tally = new TextTally(new Random(seed));
    Random sizes = new Random(seed);
    for (int i = 0; i < text.length(); ) {
      int n = Math.min(text.length() - i, 1 + sizes.nextInt(40));
      tally.append(text.substring(i, i + n));
      i += n;
    }
    return tally;
  }

  @Test
  void text_up_to_the_exact_budget_counts_as_the_tokenizer_counts_it_whole() {
    String prose = "The gateway relays each request, and the meter counts what it served. ".repeat(300);
    String code = "for (int i = 0; i < items.size(); i++) {\n    total += items.get(i).price();\n}\n".repeat(300);
    for (String text : new String[] {prose, code, prose.substring(0, 5), ""}) {
      TextTally tally = fedInDeltas(text, 1);
      assertThat(tally.chars()).isEqualTo(text.length());
      assertThat(tally.tokens()).isEqualTo(tokenizer.countText(text));
    }
  }

  @Test
  void separate_texts_count_apart() {
    TextTally tally = new TextTally();
    tally.append("hello");
    tally.endText();
    tally.append("world");

    assertThat(tally.tokens()).isEqualTo(tokenizer.countText("hello") + tokenizer.countText("world"));
  }

  @Test
  void long_mixed_text_is_estimated_within_four_percent() {
    // Sections of 4,000 chars of prose, code and Chinese shuffled: a hard case, as their tokens per
    // char differ fourfold. Measured over 12 such texts of 0.2 to 16 million chars with 5 sample seeds
    // each: mean error within 0.7%, the worst 2.3%. The prose and code are this repository's own docs
    // and sources, so the text changes with every commit: one commit's text gave 3.06% for one seed,
    // hence the bound of 4%.
    String text = TextMix.of(2_000_000, 7);
    long exact = tokenizer.countText(text);
    for (long seed = 1; seed <= 3; seed++) {
      long estimate = fedInDeltas(text, seed).tokens();
      assertThat((double) Math.abs(estimate - exact) / exact).as("relative error of %d against %d", estimate, exact)
          .isLessThan(0.04);
    }
  }

  @Test
  void tokenizer_work_and_memory_stay_bounded_for_a_very_long_text() {
    TextTally tally = new TextTally(new Random(3));
    String piece = "Twenty words of a long answer, streamed piece by piece to a client that reads it all. ";
    long fed = 0;
    while (fed < 64_000_000) {
      tally.append(piece);
      fed += piece.length();
    }

    assertThat(tally.chars()).isEqualTo(fed);
    assertThat(tally.tokenizedChars()).as("chars given to the tokenizer").isLessThan(1_000_000);
    assertThat(tally.retainedChars()).as("chars held").isLessThanOrEqualTo(8 * TextTally.BLOCK);
    double perChar = tokenizer.countText(piece.repeat(100)) / (piece.length() * 100.0);
    assertThat(tally.tokens()).isCloseTo(Math.round(fed * perChar), org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void units_follow_the_tokenizers_pieces() {
    assertThat(TextUnits.count("hello world")).isEqualTo(2);
    assertThat(TextUnits.count("getStatusCode(12345);\n")).as("get Status Code ( 123 45 ); newline").isEqualTo(8);
    assertThat(TextUnits.count("你好，世界😀")).isEqualTo(6);
  }

  @Test
  void long_words_cost_linear_work() {
    Random random = new Random(5);
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    long start = System.nanoTime();
    long tokens = tokenizer.countText(letters.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;

    // Tokenized whole, one 50,000-letter word takes about ten seconds (the merge is quadratic).
    assertThat(tokens).isBetween(10_000L, 50_000L);
    assertThat(millis).isLessThan(2_000);
  }
}
