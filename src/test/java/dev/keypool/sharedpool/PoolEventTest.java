package dev.keypool.sharedpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.keypool.KeyChange;
import dev.keypool.keypool.RateLimitUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoolEventTest {

  @Test
  void every_event_reads_back_as_it_was_written() {
    KeyChange ban = new KeyChange(KeyChange.Kind.BANNED, "pk_1", 1_900_000_000_000L, 600_000, "3 x 401\tinvalid\nkey");
    PoolEvent read = PoolEvent.decode(PoolEvent.change("host-1", ban).encode());
    assertThat(read.origin()).isEqualTo("host-1");
    assertThat(read.change()).isEqualTo(new KeyChange(KeyChange.Kind.BANNED, "pk_1", 1_900_000_000_000L, 600_000,
        "3 x 401 invalid key"));

    KeyChange forgiven = new KeyChange(KeyChange.Kind.FORGIVEN, "pk_1", 0, 0, null);
    assertThat(PoolEvent.decode(PoolEvent.change("h", forgiven).encode()).change()).isEqualTo(forgiven);

    RateLimitUpdate u = new RateLimitUpdate(100L, 5L, Instant.ofEpochMilli(1_900_000_060_000L), null, null, null, null);
    assertThat(PoolEvent.decode(PoolEvent.figures("h", "pk_2", u).encode()).figures()).isEqualTo(u);
    assertThat(PoolEvent.decode(PoolEvent.borrowed("h", "pk_2", 7).encode()).borrowed()).isEqualTo(7);
    assertThat(PoolEvent.decode(PoolEvent.keys("h").encode()).type()).isEqualTo(PoolEvent.Type.KEYS);
    PoolEvent.SessionBound bound = new PoolEvent.SessionBound("openai/gpt 4\tx", "q83vEjRWeJq83vEjRWeJqw", 1700000000123L);
    PoolEvent session = PoolEvent.decode(PoolEvent.session("h", "pk_3", bound).encode());
    assertThat(session.type()).isEqualTo(PoolEvent.Type.SESSION);
    assertThat(session.keyId()).isEqualTo("pk_3");
    assertThat(session.session()).isEqualTo(new PoolEvent.SessionBound("openai/gpt 4 x", bound.sessionHash(),
        bound.boundAt()));
  }

  @Test
  void messages_of_another_version_or_garbled_are_ignored() {
    assertThat(PoolEvent.decode("v2\tbanned\th\tpk_1\t1\t2\tx")).isNull();
    assertThat(PoolEvent.decode("v1\tbanned\th\tpk_1\tsoon\t2\tx")).isNull();
    assertThat(PoolEvent.decode("hello")).isNull();
  }
}
