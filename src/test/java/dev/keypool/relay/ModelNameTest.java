package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNameTest {

  @Test
  void a_short_printable_name_is_quoted_as_is() {
    assertThat(ModelName.quoted("openai/gpt-4.1-mini 2025 é 你好")).isEqualTo("'openai/gpt-4.1-mini 2025 é 你好'");
  }

  @Test
  void control_and_formatting_characters_are_replaced() {
    assertThat(ModelName.quoted("a\nb\r\u0000c\u001b[31md\u202ee\u2028f\u0085")).isEqualTo("'a?b??c?[31md?e?f?'");
  }

  @Test
  void a_long_name_is_cut_with_an_ellipsis_never_inside_a_surrogate_pair() {
    assertThat(ModelName.quoted("x".repeat(500))).isEqualTo("'" + "x".repeat(ModelName.QUOTED_LENGTH) + "\u2026'");
    String emoji = "x".repeat(ModelName.QUOTED_LENGTH - 1) + "\uD83D\uDE00" + "tail";
    assertThat(ModelName.quoted(emoji)).isEqualTo("'" + "x".repeat(ModelName.QUOTED_LENGTH - 1) + "\u2026'");
    assertThat(ModelName.quoted("\uDE00lone")).isEqualTo("'?lone'");
  }

  @Test
  void the_cap_counts_characters() {
    assertThat(ModelName.fits("m".repeat(ModelName.MAX_LENGTH))).isTrue();
    assertThat(ModelName.fits("m".repeat(ModelName.MAX_LENGTH + 1))).isFalse();
    assertThat(ModelName.capped("m".repeat(1000))).hasSize(ModelName.MAX_LENGTH);
  }
}
