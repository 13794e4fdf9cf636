package dev.keypool.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's spill-over on disk: append-only JSON-lines files holding records not yet in the
 * database, each append forced to disk before it returns.
 *
 * <p>Appends go to the open segment until it holds {@code segmentRecords} records. {@link #seal()}
 * closes the open segment and lists every segment, oldest first, so the replayer reads only files
 * nobody appends to any more, and deletes each one after its rows are committed. Segment names are
 * {@code records-<epoch ms>-<sequence>.jsonl}, created exclusively so two writers (or a restarted one
 * whose clock has not moved) can never append to the same file.
 *
 * <p>Thread-safe: appends come from the writer thread and, when the queue is full, from event loops.
 */
final class RecordJournal {

  private static final Logger log = LoggerFactory.getLogger(RecordJournal.class);
  private static final String PREFIX = "records-";
  private static final String SUFFIX = ".jsonl";

  private final Path dir;
  private final Clock clock;
  private final int segmentRecords;
  private final JournalCodec codec = new JournalCodec();
  private Path open;
  private int openRecords;
  private long sequence;

  RecordJournal(Path dir, Clock clock, int segmentRecords) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.clock = clock;
    this.segmentRecords = segmentRecords;
  }

  /** Appends {@code records} and forces them to disk. */
  synchronized void append(List<RequestRecord> records) throws IOException {
    var lines = new StringBuilder();
    for (RequestRecord r : records) {
      lines.append(codec.encode(r)).append('\n');
    }
    if (open == null || openRecords >= segmentRecords) {
      open = newSegment();
      openRecords = 0;
    }
    try (FileChannel ch = FileChannel.open(open, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    openRecords += records.size();
  }

  /**
   * Sets {@code r} aside in {@code rejected.jsonl}, which is never replayed: the database refused the
   * record itself, so an operator has to look at it, and it must not be lost meanwhile.
   */
  synchronized void reject(RequestRecord r) throws IOException {
    Path rejected = dir.resolve("rejected" + SUFFIX);
    try (FileChannel ch = FileChannel.open(rejected, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap((codec.encode(r) + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  /** Ends the open segment and lists all segments, oldest first. */
  synchronized List<Path> seal() throws IOException {
    open = null;
    return segments();
  }

  /** Whether any segment exists; a cheap directory listing. */
  boolean isEmpty() throws IOException {
    return segments().isEmpty();
  }

  /**
   * The records of a sealed segment. A line that does not parse is skipped and logged: the last one
   * may be torn by a crash mid-write, and one bad line must not keep the rest of the file out.
   */
  List<RequestRecord> read(Path segment) throws IOException {
    List<RequestRecord> records = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(codec.decode(line));
      } catch (JsonProcessingException | RuntimeException e) {
        log.error("Skipping unreadable line {} of journal {}: {}", lineNo, segment, e.getMessage());
      }
    }
    return records;
  }

  void delete(Path segment) throws IOException {
    Files.deleteIfExists(segment);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(RecordJournal::isSegment).sorted().toList();
    }
  }

  private static boolean isSegment(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  private Path newSegment() throws IOException {
    while (true) {
      Path p = dir.resolve(String.format("%s%013d-%06d%s", PREFIX, clock.millis(), ++sequence, SUFFIX));
      try {
        Files.createFile(p);
        syncDirectory();
        return p;
      } catch (FileAlreadyExistsException e) {
        // Left by an earlier writer in the same millisecond; the next sequence number is free.
      }
    }
  }

  // A new file survives a power cut only once its directory entry is on disk too.
  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      log.debug("Cannot sync journal directory {} (not supported on every platform): {}", dir, e.getMessage());
    }
  }
}
