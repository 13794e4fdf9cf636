package dev.keypool.tracking;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import dev.keypool.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What the writer tests share: a fresh database of the parameter's dialect behind a fault injector,
 * a journal directory, a manual clock that decides when retries are due, and writers closed after.
 */
abstract class WriterFixture {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Records.T0);
  final List<RecordWriter> writers = new ArrayList<>();
  TestDatabase t;
  FaultyDataSource faulty;
  Path journalDir;

  @BeforeEach
  void openDatabase() {
    t = TestDatabase.open(dialect, tempDir);
    faulty = new FaultyDataSource(t.dataSource());
    journalDir = tempDir.resolve("journal");
  }

  @AfterEach
  void closeAll() throws SQLException {
    faulty.release();
    faulty.down.set(false);
    writers.forEach(RecordWriter::close);
    if (t != null) {
      t.close();
    }
  }

  static RecordWriter.Settings settings(int queueCapacity) {
    return new RecordWriter.Settings(100, Duration.ofMillis(20), queueCapacity, Duration.ofSeconds(1),
        Duration.ofSeconds(30), Duration.ofSeconds(5));
  }

  RecordWriter writer() {
    return writer(settings(10_000));
  }

  RecordWriter writer(RecordWriter.Settings settings) {
    var w = new RecordWriter(faulty, t.postgres(), journalDir, clock, settings);
    writers.add(w);
    return w;
  }

  List<Path> journalFiles() {
    try (Stream<Path> files = Files.list(journalDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("records-")).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<RequestRecord> samples(String prefix, int n) {
    List<RequestRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Records.sample(prefix + "_" + i, Records.T0.plusSeconds(i), "gpt-4o", 200, "success"));
    }
    return out;
  }
}
