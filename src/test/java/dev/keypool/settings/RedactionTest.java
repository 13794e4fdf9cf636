package dev.keypool.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void passwords_in_urls_are_masked_and_the_rest_is_kept() {
    assertThat(Redaction.url("jdbc:postgresql://db:5432/keypool?user=kp&password=pg-secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/keypool?user=kp&password=********&ssl=true");
    assertThat(Redaction.url("jdbc:postgresql://db/keypool?PASSWORD=pg-secret"))
        .isEqualTo("jdbc:postgresql://db/keypool?PASSWORD=********");
    assertThat(Redaction.url("redis://:redis-secret@cache:6379/0")).isEqualTo("redis://:********@cache:6379/0");
    assertThat(Redaction.url("rediss://kp:p@ss:word@cache:6380")).isEqualTo("rediss://kp:********@cache:6380");
    assertThat(Redaction.url("jdbc:sqlite:data/keypool.db")).isEqualTo("jdbc:sqlite:data/keypool.db");
    assertThat(Redaction.url("redis://cache:6379")).isEqualTo("redis://cache:6379");
  }

  @Test
  void an_unset_secret_stays_visible_as_none() {
    assertThat(Redaction.mask("")).isNull();
    assertThat(Redaction.mask(null)).isNull();
    assertThat(Redaction.mask("x")).isEqualTo(Redaction.MASK);
  }
}
