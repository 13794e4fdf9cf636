package dev.keypool.tracking;

import dev.keypool.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous, loss-free path from finished requests to the request log: {@link #submit} queues
 * a record without waiting, and one background thread stores the queue in batched transactions.
 *
 * <p>Nothing is dropped. A batch the database refuses goes to the {@link RecordJournal} on disk, and
 * while the database is down every new batch does too; the thread retries with {@link Backoff} and,
 * once a retry works, replays the journal oldest file first, deleting each file only after its rows
 * are committed. Inserts skip ids already stored, so a crash between a commit and a deletion replays
 * harmlessly. Leftover journal files are replayed when the writer starts.
 *
 * <p>When the queue is full (the database cannot keep up), records go to a second bounded queue that the
 * writer thread appends to the journal in batches, one fsync per batch, ahead of its database work;
 * the journal is replayed once the queue has room again. So a sustained overload costs disk, not
 * memory, and never makes a request wait. Only when both queues are full does {@code submit} append the
 * record to the journal itself, synchronously, on the caller's thread: the choices left then are
 * dropping the record (not allowed), growing memory without bound (a crash then loses everything), or
 * a short stall that slows intake to what the disk absorbs.
 *
 * <p>The thread is a daemon platform thread, not a virtual one: the JDBC drivers synchronize around
 * their I/O, which would pin a virtual thread's carrier for the whole batch (see
 * {@link dev.keypool.storage.Blocking}). Daemon because {@link #close()} is what drains it; a JVM that
 * exits without closing has already given up on graceful shutdown. It wakes at least every
 * {@code flushInterval}, so a record reaches the database within about that time at low load, while
 * at high load it does not sleep between full batches.
 */
public final class RecordWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecordWriter.class);

  /**
   * Writer tuning.
   *
   * @param batchSize most records per transaction, and per journal file
   * @param flushInterval longest idle wait of the writer thread, hence the usual delay of a record
   * @param queueCapacity records held in memory before {@code submit} spills to the journal
   * @param retryMin first wait after the database fails, doubled on each further failure
   * @param retryMax longest wait between retries
   * @param closeTimeout how long {@link #close()} waits for the thread before journaling what is left
   */
  public record Settings(int batchSize, Duration flushInterval, int queueCapacity, Duration retryMin,
      Duration retryMax, Duration closeTimeout) {

    public Settings {
      if (batchSize < 1 || queueCapacity < 1) {
        throw new IllegalArgumentException("batchSize and queueCapacity must be positive, got "
            + batchSize + " and " + queueCapacity);
      }
      if (flushInterval.isNegative() || flushInterval.isZero() || retryMin.isNegative()
          || retryMax.compareTo(retryMin) < 0 || closeTimeout.isNegative()) {
        throw new IllegalArgumentException("flushInterval must be positive and 0 <= retryMin <= retryMax, got "
            + flushInterval + ", " + retryMin + ", " + retryMax);
      }
    }

    /**
     * 2,000 per batch, 200 ms, 50,000 queued, retries from 1 s up to 30 s, 10 s to close. Large batches
     * because each batch also adds to a rollup row per model, provider key, gateway key and outcome it
     * meets: with varied traffic, 2,000 records share rollup rows four times as often as 500 do, which
     * took a quarter off the writer's time per record (RecordWriteBench --keys 50 --span-seconds 8).
     */
    public static Settings defaults() {
      return new Settings(2_000, Duration.ofMillis(200), 50_000, Duration.ofSeconds(1), Duration.ofSeconds(30),
          Duration.ofSeconds(10));
    }
  }

  private final Settings settings;
  private final BlockingQueue<RequestRecord> queue;
  private final BlockingQueue<RequestRecord> overflow;
  private final RecordInserter inserter;
  private final RecordJournal journal;
  private final Backoff backoff;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong journaled = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private volatile List<RequestRecord> inFlight = List.of();
  private volatile boolean healthy = true;

  /** Opens the journal directory (creating it) and starts the thread, which first replays leftovers. */
  public RecordWriter(DataSource ds, boolean postgres, Path journalDir, Clock clock, Settings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.overflow = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.inserter = new RecordInserter(ds, postgres);
    this.backoff = new Backoff(clock, settings.retryMin(), settings.retryMax());
    try {
      this.journal = new RecordJournal(journalDir, clock, settings.batchSize());
    } catch (IOException e) {
      throw new StorageException("cannot open request journal " + journalDir + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, "keypool-record-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code r} for storage; never blocks on the database and never throws. */
  public void submit(RequestRecord r) {
    if (r == null) {
      return;
    }
    if (!closed.get() && queue.offer(r)) {
      // close() may have drained the queue between the check and the offer; whoever removes it stores it.
      if (closed.get() && queue.remove(r)) {
        toJournal(List.of(r));
      }
      return;
    }
    if (!closed.get() && overflow.offer(r)) {
      if (closed.get() && overflow.remove(r)) {
        toJournal(List.of(r));
      }
      return;
    }
    toJournal(List.of(r));
  }

  /** Records this writer inserted (a replayed record that was already stored is not counted). */
  public long written() {
    return written.get();
  }

  /** Records this writer appended to the journal. */
  public long journaled() {
    return journaled.get();
  }

  /** Records the database refused for their own data, set aside in the journal's rejected.jsonl. */
  public long rejected() {
    return rejected.get();
  }

  /** Records that could be neither stored nor journaled (the journal's disk failed); logged as errors. */
  public long lost() {
    return lost.get();
  }

  /** Records in memory: queued or in the batch being written. */
  public int pending() {
    return queue.size() + overflow.size() + inFlight.size();
  }

  /** False from a failed write until a retry succeeds. */
  public boolean databaseHealthy() {
    return healthy;
  }

  /**
   * Stops accepting records (later ones go to the journal), stores everything pending, or journals it
   * when the database is down, and returns within about {@code closeTimeout}. A thread still stuck in
   * the database by then has its batch journaled as well; should it commit after all, the replay skips
   * the duplicates.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LockSupport.unpark(thread); // end its sleep: what is queued is stored now
    try {
      thread.join(settings.closeTimeout().toMillis() + settings.flushInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("Request record writer did not finish within {}; journaling its {} pending records",
          settings.closeTimeout(), pending());
      toJournal(inFlight);
    }
    // In batch-sized pieces, so that no journal file holds more than a replay reads at once.
    List<RequestRecord> rest = new ArrayList<>();
    while (queue.drainTo(rest, settings.batchSize()) > 0 || overflow.drainTo(rest, settings.batchSize()) > 0) {
      toJournal(rest);
      rest.clear();
    }
  }

  private void run() {
    replay();
    while (true) {
      boolean stopping = closed.get();
      journalOverflow();
      List<RequestRecord> batch = nextBatch(stopping);
      if (batch.isEmpty() && stopping) {
        return;
      }
      if (!batch.isEmpty()) {
        inFlight = batch;
        store(batch, stopping);
        inFlight = List.of();
      }
      if (!stopping && queue.size() < settings.batchSize() && replayDue()) {
        replay();
      }
    }
  }

  /** Moves what overflowed the queue to the journal, a batch per fsync; it is stored when replayed. */
  private void journalOverflow() {
    List<RequestRecord> spilled = new ArrayList<>();
    while (overflow.drainTo(spilled, settings.batchSize()) > 0) {
      toJournal(spilled);
      spilled.clear();
    }
  }

  /**
   * The next batch: what is queued, up to a batch. When less than a batch is queued, the thread first
   * sleeps for the flush interval instead of waiting on the queue: a consumer blocked in the queue is
   * woken by every record offered, which cost the request threads a wake-up call per record and the
   * writer a context switch and a small transaction per handful of records. Sleeping lets records
   * gather into full batches, so a busy gateway pays one transaction per batch.
   */
  private List<RequestRecord> nextBatch(boolean stopping) {
    List<RequestRecord> batch = new ArrayList<>();
    if (!stopping && queue.size() < settings.batchSize() && overflow.isEmpty()) {
      LockSupport.parkNanos(this, settings.flushInterval().toNanos());
    }
    queue.drainTo(batch, settings.batchSize());
    return batch;
  }

  private void store(List<RequestRecord> batch, boolean stopping) {
    if (!healthy && !stopping && backoff.due()) {
      replay(); // the journal goes first: it holds the older records
    }
    if (!healthy) {
      toJournal(batch);
      return;
    }
    try {
      insert(batch);
    } catch (Exception e) {
      failed(e);
      toJournal(batch);
    }
  }

  private boolean replayDue() {
    if (!healthy) {
      return backoff.due();
    }
    try {
      return !journal.isEmpty();
    } catch (IOException e) {
      log.warn("Cannot list the request journal: {}", e.getMessage());
      return false;
    }
  }

  /** Stores every journal file, oldest first, deleting each once committed; stops at the first failure. */
  private void replay() {
    try {
      for (Path segment : journal.seal()) {
        List<RequestRecord> records = journal.read(segment);
        for (int from = 0; from < records.size(); from += settings.batchSize()) {
          insert(records.subList(from, Math.min(records.size(), from + settings.batchSize())));
        }
        journal.delete(segment);
      }
    } catch (Exception e) {
      failed(e);
      return;
    }
    if (!healthy) {
      log.info("Request log database is back; journal replayed");
    }
    healthy = true;
    backoff.succeeded();
  }

  private void insert(List<RequestRecord> batch) throws SQLException {
    written.addAndGet(inserter.insertSplitting(batch, this::reject));
  }

  private void reject(RequestRecord r, SQLException e) {
    try {
      journal.reject(r);
      rejected.incrementAndGet();
      log.error("Database refused request record {}; set aside in the journal's rejected.jsonl: {}", r.id(), e.toString());
    } catch (IOException io) {
      lost.incrementAndGet();
      log.error("LOST request record {}: the database refused it ({}) and the journal failed ({})", r.id(), e, io);
    }
  }

  private void failed(Exception e) {
    backoff.failed();
    if (healthy) {
      log.warn("Request log database unavailable, journaling records until it is back (next try at {}): {}",
          backoff.retryAt(), e.toString());
    }
    healthy = false;
  }

  private void toJournal(List<RequestRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    try {
      journal.append(records);
      journaled.addAndGet(records.size());
    } catch (IOException | RuntimeException e) {
      lost.addAndGet(records.size());
      log.error("LOST {} request records: cannot append them to the journal ({}); first id {}",
          records.size(), e.toString(), records.get(0).id());
    }
  }
}
