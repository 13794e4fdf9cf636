package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void plus_adds_bucket_by_bucket() {
    Usage a = new Usage(1, 2, 3, 4, 1);
    Usage b = new Usage(10, 20, 30, 40, 5);

    assertThat(a.plus(b)).isEqualTo(new Usage(11, 22, 33, 44, 6));
    assertThat(a.plus(Usage.ZERO)).isEqualTo(a);
    assertThat(a.promptTokens()).isEqualTo(8);
  }

  @Test
  void counts_are_never_negative() {
    assertThatThrownBy(() -> new Usage(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
