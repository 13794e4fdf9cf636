package dev.keypool.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a model name matched is remembered per version of the table: a change is seen at once. */
class ModelTableMemoTest {

  @Test
  void a_remembered_match_or_miss_gives_way_to_a_change_of_the_table() {
    ModelTable<Integer> table = new ModelTable<>(Map.of("gpt-5", 1), true);
    assertThat(table.find("gpt-5-mini")).contains(1);
    assertThat(table.find("gpt-5-mini")).contains(1);
    assertThat(table.find("claude-x")).isEmpty();

    table.put("gpt-5-mini", 2);
    table.put("claude-x", 3);
    assertThat(table.find("gpt-5-mini")).contains(2);
    assertThat(table.find("claude-x")).contains(3);

    table.remove("gpt-5-mini");
    assertThat(table.find("gpt-5-mini")).contains(1);
    table.replaceAll(Map.of());
    assertThat(table.find("gpt-5-mini")).isEmpty();
  }

  @Test
  void names_past_the_memo_bound_are_still_matched_just_not_remembered() {
    ModelTable<Integer> table = new ModelTable<>(Map.of("m", 7), true);
    for (int i = 0; i < ModelTable.MEMO + 10; i++) {
      assertThat(table.find("m-" + i)).contains(7);
      assertThat(table.find("x-" + i)).isEmpty();
    }
  }
}
