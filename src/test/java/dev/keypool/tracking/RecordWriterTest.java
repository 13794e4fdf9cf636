package dev.keypool.tracking;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.Poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer with a working database: batching, concurrency, close and a full queue. */
@ParameterizedClass
@EnumSource(Dialect.class)
class RecordWriterTest extends WriterFixture {

  @Test
  void records_from_four_threads_arrive_exactly_once() throws Exception {
    RecordWriter w = writer();
    List<RequestRecord> all = samples("r", 2_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        List<RequestRecord> share = all.subList(thread * 500, (thread + 1) * 500);
        done.add(pool.submit(() -> share.forEach(w::submit)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Poll.until("2,000 records are written", () -> w.written() == 2_000);
    assertThat(t.records()).isEqualTo(2_000);
    assertThat(t.distinctRecords()).isEqualTo(2_000);
    assertThat(t.count("SELECT COUNT(*) FROM request_attempts")).isEqualTo(4_000);
    assertThat(w.journaled()).isZero();
    assertThat(w.pending()).isZero();
    assertThat(journalFiles()).isEmpty();
  }

  @Test
  void written_records_round_trip_exactly() {
    RecordWriter w = writer();
    RequestRecord full = Records.sample("full");
    RequestRecord sparse = new RequestRecord("sparse", Records.T0, null, null, null, null, null, null, null, null,
        null, null, null, 0, "client_abort", null, null, false, 0, 0, 0, 0, 0, "none", 0, 0, 0, null, 0, null, null,
        null);
    w.submit(full);
    w.submit(sparse);
    Poll.until("both records are written", () -> w.written() == 2);
    var store = new RequestLogStore(t.dataSource(), t.postgres());
    assertThat(store.find("full")).contains(full);
    assertThat(store.find("sparse")).contains(sparse);
  }

  @Test
  void close_stores_every_pending_record() {
    RecordWriter w = writer();
    samples("c", 1_000).forEach(w::submit);
    w.close();
    assertThat(t.records()).isEqualTo(1_000);
    assertThat(w.pending()).isZero();
    assertThat(w.journaled()).isZero();
  }

  @Test
  void a_full_queue_spills_to_the_journal_and_loses_nothing() {
    RecordWriter w = writer(settings(5));
    faulty.hold(); // the database stalls on the first batch, so the queue cannot drain
    w.submit(Records.sample("first"));
    Poll.until("the writer waits on the database", () -> faulty.held.get() == 1);
    samples("o", 100).forEach(w::submit);
    // 1 in flight, 5 queued, 5 in the overflow queue (journaled by the writer thread once it is free),
    // and the other 90 journaled by submit itself because both queues were full.
    assertThat(w.pending()).isEqualTo(11);
    assertThat(w.journaled()).isEqualTo(90);
    assertThat(journalFiles()).isNotEmpty();

    faulty.release();
    Poll.until("every record is stored and the journal is empty",
        () -> w.written() == 101 && journalFiles().isEmpty());
    assertThat(t.records()).isEqualTo(101);
    assertThat(t.distinctRecords()).isEqualTo(101);
    assertThat(w.databaseHealthy()).isTrue();
  }

  @Test
  void close_returns_in_bounded_time_when_the_database_hangs_and_journals_the_stuck_batch() {
    RecordWriter w = writer(new RecordWriter.Settings(100, Duration.ofMillis(20), 10_000, Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofMillis(300)));
    faulty.hold();
    samples("h", 10).forEach(w::submit);
    Poll.until("the writer waits on the database", () -> faulty.held.get() == 1);
    long start = System.nanoTime();
    w.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(w.journaled()).isEqualTo(10);

    faulty.release(); // the stuck batch may still commit; the next writer's replay must then skip it
    RecordWriter next = writer();
    Poll.until("every record is stored once and the journal is empty",
        () -> t.records() == 10 && journalFiles().isEmpty() && w.written() + next.written() == 10);
    assertThat(t.distinctRecords()).isEqualTo(10);
  }
}
