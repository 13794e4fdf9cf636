package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptsJsonTest {

  @Test
  void attempts_survive_the_round_trip_with_any_text() {
    List<AttemptRecord> attempts = List.of(
        new AttemptRecord(1, "openai", "pk_a", "gpt-4o", 429, "rate_limited",
            "quote \" backslash \\ newline \n tab \t control \u0001 emoji \uD83D\uDE00 nul \u0000", 80, 120,
            Instant.ofEpochMilli(1_767_225_600_123L)),
        new AttemptRecord(2, null, null, null, 0, null, null, 0, 0, null));
    String json = AttemptsJson.encode(attempts, false);
    assertThat(json).startsWith("[{\"attempt_no\":1,\"provider_id\":\"openai\"")
        .contains("{\"attempt_no\":2,\"status\":0,\"latency_millis\":0,\"bytes\":0}]");
    assertThat(AttemptsJson.decode(json)).isEqualTo(attempts);
  }

  @Test
  void postgres_text_gets_no_nul_and_no_attempts_is_null() {
    var a = new AttemptRecord(1, "p", "k", "m", 502, "transient", "a\u0000b", 1, 2, null);
    assertThat(AttemptsJson.decode(AttemptsJson.encode(List.of(a), true))).extracting(AttemptRecord::message)
        .containsExactly("a\uFFFDb");
    assertThat(AttemptsJson.encode(List.of(), false)).isNull();
    assertThat(AttemptsJson.decode(null)).isEmpty();
  }

  @Test
  void fields_written_by_a_later_version_are_skipped_and_garbage_is_refused() {
    assertThat(AttemptsJson.decode("[{\"attempt_no\":3,\"region\":{\"name\":\"eu\"},\"tags\":[1,2],\"status\":200}]"))
        .containsExactly(new AttemptRecord(3, null, null, null, 200, null, null, 0, 0, null));
    assertThatThrownBy(() -> AttemptsJson.decode("{\"attempt_no\":1}")).isInstanceOf(IllegalStateException.class);
  }
}
