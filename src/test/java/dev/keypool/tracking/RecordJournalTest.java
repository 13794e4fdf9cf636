package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordJournalTest {

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Records.T0);

  @Test
  void records_round_trip_through_the_journal_at_full_precision() throws Exception {
    var journal = new RecordJournal(dir, clock, 10);
    RequestRecord precise = Records.sample("p", Records.T0.plusNanos(789), "gpt-4o", 200, "success");
    journal.append(List.of(precise, Records.sample("q")));
    List<Path> segments = journal.seal();
    assertThat(segments).hasSize(1);
    assertThat(journal.read(segments.get(0))).containsExactly(precise, Records.sample("q"));
  }

  @Test
  void segments_roll_at_the_size_limit_and_list_oldest_first() throws Exception {
    var journal = new RecordJournal(dir, clock, 2);
    journal.append(List.of(Records.sample("a"), Records.sample("b")));
    journal.append(List.of(Records.sample("c")));
    journal.seal();
    journal.append(List.of(Records.sample("d")));
    List<Path> segments = journal.seal();
    assertThat(segments).hasSize(3);
    assertThat(segments.stream().flatMap(s -> read(journal, s).stream()).map(RequestRecord::id))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void a_restarted_journal_never_appends_to_a_leftover_segment() throws Exception {
    new RecordJournal(dir, clock, 10).append(List.of(Records.sample("old")));
    var restarted = new RecordJournal(dir, clock, 10); // same clock reading, sequence starts over
    restarted.append(List.of(Records.sample("new")));
    assertThat(restarted.seal()).hasSize(2);
  }

  @Test
  void a_torn_last_line_is_skipped() throws Exception {
    var journal = new RecordJournal(dir, clock, 10);
    journal.append(List.of(Records.sample("whole")));
    Path segment = journal.seal().get(0);
    Files.writeString(segment, "{\"id\":\"torn\",\"startedAt\":\"20", StandardOpenOption.APPEND);
    assertThat(journal.read(segment)).extracting(RequestRecord::id).containsExactly("whole");
  }

  @Test
  void rejected_records_are_kept_but_never_listed_for_replay() throws Exception {
    var journal = new RecordJournal(dir, clock, 10);
    journal.reject(Records.sample("bad"));
    assertThat(journal.seal()).isEmpty();
    assertThat(Files.readString(dir.resolve("rejected.jsonl"))).contains("\"id\":\"bad\"");
  }

  private static List<RequestRecord> read(RecordJournal journal, Path segment) {
    try {
      return journal.read(segment);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
