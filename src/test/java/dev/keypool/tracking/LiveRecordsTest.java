package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.keypool.live.LiveSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The broadcaster behind the live view: bounded per subscriber, never waiting on the recording side. */
class LiveRecordsTest {
  private final LiveRecords live = new LiveRecords();

  @Test
  void a_subscriber_that_falls_behind_keeps_the_oldest_records_and_learns_how_many_it_lost() {
    AtomicInteger wakeUps = new AtomicInteger();
    LiveSubscription<RequestRecord> slow = live.subscribe(r -> true, 3, wakeUps::incrementAndGet);

    for (int i = 0; i < 10; i++) {
      live.publish(Records.sample("r" + i));
    }

    assertThat(wakeUps).as("one wake-up per batch, not per record").hasValue(1);
    slow.draining();
    assertThat(ids(slow)).containsExactly("r0", "r1", "r2");
    assertThat(slow.takeDropped()).isEqualTo(7);
    assertThat(slow.takeDropped()).as("counted once").isZero();

    live.publish(Records.sample("r10"));
    assertThat(wakeUps).as("woken again after the drain began").hasValue(2);
    assertThat(ids(slow)).containsExactly("r10");
    assertThat(slow.takeDropped()).isZero();
  }

  @Test
  void publishing_to_a_subscriber_that_never_drains_does_not_wait() {
    LiveSubscription<RequestRecord> stuck = live.subscribe(r -> true, 1_000, () -> { });
    RequestRecord record = Records.sample("r");

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int i = 0; i < 200_000; i++) {
        live.publish(record);
      }
    });

    assertThat(stuck.takeDropped()).isEqualTo(199_000);
  }

  @Test
  void each_subscriber_gets_what_its_filter_accepts_and_a_closed_one_nothing() {
    LiveSubscription<RequestRecord> gpt = live.subscribe(r -> "gpt-4o".equals(r.modelRequested()), 10, () -> { });
    LiveSubscription<RequestRecord> all = live.subscribe(r -> true, 10, () -> { });
    assertThat(live.subscriberCount()).isEqualTo(2);

    live.publish(Records.sample("a", Records.T0, "claude", 200, "success"));
    live.publish(Records.sample("b", Records.T0, "gpt-4o", 200, "success"));
    all.close();
    live.publish(Records.sample("c", Records.T0, "gpt-4o", 200, "success"));

    assertThat(ids(gpt)).containsExactly("b", "c");
    assertThat(ids(all)).isEmpty();
    assertThat(live.subscriberCount()).isEqualTo(1);
    gpt.close();
    assertThat(live.subscriberCount()).isZero();
  }

  private static List<String> ids(LiveSubscription<RequestRecord> s) {
    List<String> out = new ArrayList<>();
    for (RequestRecord r = s.poll(); r != null; r = s.poll()) {
      out.add(r.id());
    }
    return out;
  }
}
