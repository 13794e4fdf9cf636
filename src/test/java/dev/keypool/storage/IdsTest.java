package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_are_prefix_underscore_and_20_lower_case_base32_chars() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      String id = Ids.newId("pk");
      assertThat(id).matches("pk_[a-z2-7]{20}");
      seen.add(id);
    }
    assertThat(seen).hasSize(1000);
  }
}
