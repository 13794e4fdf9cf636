package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void idsSortByStartTimeAndDoNotRepeat() {
    String earlier = RequestIds.next(1_767_607_200_000L);
    String later = RequestIds.next(1_767_607_200_001L);
    assertThat(earlier).matches("req_[0-9a-f]{28}").startsWith("req_019b8d");
    assertThat(earlier).isLessThan(later);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(RequestIds.next(0))).isTrue();
    }
  }

  @Test
  void startTimeIsReadBackFromTheId() {
    assertThat(RequestIds.startMillis(RequestIds.next(1_767_607_200_123L))).hasValue(1_767_607_200_123L);
    assertThat(RequestIds.startMillis(RequestIds.next(0))).hasValue(0);
    assertThat(RequestIds.startMillis("req_8f3a9c0d12e4b5a6")).isEmpty(); // the older random form
    assertThat(RequestIds.startMillis("req_019B8D0000000000000000000000")).isEmpty();
    assertThat(RequestIds.startMillis("req_019b8dzz00000000000000000000")).isEmpty();
    assertThat(RequestIds.startMillis(null)).isEmpty();
  }
}
