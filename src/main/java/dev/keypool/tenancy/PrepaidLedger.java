package dev.keypool.tenancy;

import dev.keypool.quota.PrepaidBalances;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepaid balances for the relay: read from the {@link Directory} in memory, charged in batches.
 *
 * <p>A settled charge is queued and counted as pending at once, so the next request of the same
 * user sees it; one writer thread applies the queue with {@link UserStore#chargeAll} (ledger kind
 * {@code charge}, the request id on each row) and puts the resulting balances into the directory.
 * The update is relative ({@code balance = balance + delta}), so instances sharing a database never
 * overwrite each other's charges; what other instances charged reaches this one through the
 * directory's periodic refresh. A batch that cannot be written is retried, never dropped.
 */
public final class PrepaidLedger implements PrepaidBalances, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PrepaidLedger.class);
  private static final int MAX_BATCH = 500;
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Directory directory;
  private final UserStore store;
  private final BlockingQueue<Charge> queue = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private final Thread writer;
  private volatile boolean closing;

  public PrepaidLedger(Directory directory, UserStore store) {
    this.directory = directory;
    this.store = store;
    this.writer = Thread.ofPlatform().name("keypool-balance-writer").daemon().start(this::run);
  }

  /** Memory only: the relay may call it on the event loop. */
  @Override
  public boolean blocks() {
    return false;
  }

  @Override
  public OptionalLong availableNanos(String userId) {
    User user = directory.user(userId);
    if (user == null || !user.prepaid()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(user.balanceNanos() - pending.getOrDefault(userId, 0L));
  }

  @Override
  public void charge(String userId, long nanos, String requestId) {
    pending.merge(userId, nanos, Long::sum);
    queue.add(new Charge(userId, -nanos, LedgerKind.CHARGE, null, requestId));
  }

  /** Charges queued and not yet written, for readiness and tests. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Charge> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Charge first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        if (write(batch)) {
          batch.clear();
        } else if (closing) {
          log.error("{} prepaid charges could not be written at shutdown: {}", batch.size(), batch);
          batch.clear();
        } else {
          Thread.sleep(RETRY.toMillis());
        }
      } catch (InterruptedException e) {
        closing = true;
      }
    }
  }

  private boolean write(List<Charge> batch) {
    try {
      directory.applyBalances(store.chargeAll(batch));
    } catch (RuntimeException e) {
      log.warn("cannot write {} prepaid charges, retrying: {}", batch.size(), e.getMessage());
      return false;
    }
    // After the directory has the new balances: in between, a charge counts twice, never zero times.
    for (Charge c : batch) {
      pending.computeIfPresent(c.userId(), (id, left) -> left + c.deltaNanos() == 0 ? null : left + c.deltaNanos());
    }
    return true;
  }

  /** Writes every queued charge (one more try for a failing batch), then stops the writer. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
