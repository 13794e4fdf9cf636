package dev.keypool.tracking;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.Poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer when the database fails: journaling, backoff, replay, idempotency and refused records. */
@ParameterizedClass
@EnumSource(Dialect.class)
class RecordWriterOutageTest extends WriterFixture {

  @Test
  void records_submitted_while_down_are_journaled_then_stored_exactly_once() {
    faulty.down.set(true);
    RecordWriter w = writer();
    List<RequestRecord> records = samples("d", 300);
    records.forEach(w::submit);
    Poll.until("all 300 are journaled", () -> w.journaled() == 300);
    assertThat(w.databaseHealthy()).isFalse();
    assertThat(t.records()).isZero();

    faulty.down.set(false);
    clock.advance(Duration.ofMillis(999));
    w.submit(Records.sample("late")); // retry not due yet: this one is journaled too
    Poll.until("the late record is journaled", () -> w.journaled() == 301);
    assertThat(t.records()).isZero();

    clock.advance(Duration.ofSeconds(1)); // past the first backoff
    Poll.until("the journal is replayed and the database healthy again",
        () -> t.records() == 301 && journalFiles().isEmpty() && w.databaseHealthy() && w.written() == 301);
    assertThat(t.distinctRecords()).isEqualTo(301);
    var store = new RequestLogStore(t.dataSource(), t.postgres());
    assertThat(store.find("d_42")).contains(records.get(42)); // the journal loses no field either
  }

  @Test
  void the_backoff_doubles_while_the_database_stays_down() {
    faulty.down.set(true);
    RecordWriter w = writer();
    w.submit(Records.sample("a"));
    Poll.until("the first failure", () -> w.journaled() == 1);
    clock.advance(Duration.ofSeconds(1)); // first retry due: fails, next wait is 2 s
    w.submit(Records.sample("b"));
    Poll.until("the second failure", () -> w.journaled() == 2);

    faulty.down.set(false);
    clock.advance(Duration.ofMillis(1_900));
    w.submit(Records.sample("c"));
    Poll.until("c is journaled, the retry not being due", () -> w.journaled() == 3);
    assertThat(t.records()).isZero();
    clock.advance(Duration.ofMillis(100));
    Poll.until("all are stored", () -> t.records() == 3 && journalFiles().isEmpty());
  }

  @Test
  void a_journal_replayed_twice_adds_no_duplicates() throws Exception {
    var journal = new RecordJournal(journalDir, clock, 100);
    journal.append(samples("j", 50));
    Path segment = journal.seal().get(0);
    byte[] saved = Files.readAllBytes(segment);

    RecordWriter first = writer();
    Poll.until("the journal is replayed", () -> t.records() == 50 && journalFiles().isEmpty());
    first.close();
    Files.write(segment, saved); // as if the process died between the commit and the delete

    RecordWriter second = writer();
    Poll.until("the journal is replayed again", () -> journalFiles().isEmpty());
    assertThat(t.records()).isEqualTo(50);
    assertThat(t.count("SELECT COUNT(*) FROM request_attempts")).isEqualTo(100);
    assertThat(second.written()).isZero();
  }

  @Test
  void close_while_down_journals_everything_and_the_next_writer_stores_it() {
    faulty.down.set(true);
    RecordWriter w = writer();
    samples("k", 250).forEach(w::submit);
    long start = System.nanoTime();
    w.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    w.submit(Records.sample("after_close"));
    assertThat(w.journaled()).isEqualTo(251);
    assertThat(w.pending()).isZero();
    assertThat(journalFiles()).isNotEmpty();
    assertThat(t.records()).isZero();

    faulty.down.set(false);
    RecordWriter next = writer();
    Poll.until("the next writer replays the journal at start", () -> t.records() == 251 && journalFiles().isEmpty());
    assertThat(t.distinctRecords()).isEqualTo(251);
    assertThat(next.written()).isEqualTo(251);
  }

  @Test
  void a_record_the_database_refuses_is_set_aside_and_the_rest_are_stored() throws Exception {
    if (t.postgres()) {
      t.execute("ALTER TABLE request_records ADD CONSTRAINT no_poison CHECK (endpoint <> 'poison')");
    } else {
      t.execute("CREATE TRIGGER no_poison BEFORE INSERT ON request_records WHEN NEW.endpoint = 'poison' "
          + "BEGIN SELECT RAISE(ABORT, 'poison'); END");
    }
    RecordWriter w = writer();
    RequestRecord good = Records.sample("good");
    RequestRecord poison = new RequestRecord("bad", Records.T0, null, null, null, null, "poison", null, null, null,
        null, null, null, 500, "error", null, null, false, 0, 0, 0, 0, 0, "none", 0, 0, 0, null, 0, null, null, null);
    w.submit(good);
    w.submit(poison);
    samples("g", 20).forEach(w::submit);
    Poll.until("the good records are stored", () -> w.written() == 21 && w.rejected() == 1);
    assertThat(t.records()).isEqualTo(21);
    assertThat(w.databaseHealthy()).isTrue();
    assertThat(Files.readString(journalDir.resolve("rejected.jsonl"))).contains("\"id\":\"bad\"");
    assertThat(journalFiles()).isEmpty();
  }
}
