package dev.keypool.alert;

import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.Channels;
import dev.keypool.alert.channel.DeliveryException;
import dev.keypool.config.AlertsConfig;
import dev.keypool.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due notices, oldest first and in order per channel: a channel that fails is left
 * alone until its notice's next attempt (backing off from {@code retry_min}, doubling, up to
 * {@code retry_max}), and its later notices wait behind it, so a "resolved" never overtakes its
 * "opened". A notice is taken with a conditional update before it is sent, so instances sharing the
 * database never both send it; it is marked sent once the channel took it, and expired (with a warning)
 * when {@code delivery_expiry} passes first. Notices raised while the database refused writes are held
 * in memory (bounded), sent directly, and queued in the outbox once the database answers.
 */
final class AlertDispatcher {
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
  /** How long a taken notice is left to its sender before another instance may try it. */
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = 200;
  private static final int MAX_HELD = 1_000;

  private final AlertStore store;
  private final Supplier<Channels> channels;
  /** The section in effect: the service swaps it between rounds only. */
  private final Supplier<AlertsConfig> config;
  private final Clock clock;
  private final List<AlertStore.Queued> held = new ArrayList<>();

  AlertDispatcher(AlertStore store, Supplier<Channels> channels, Supplier<AlertsConfig> config, Clock clock) {
    this.store = store;
    this.channels = channels;
    this.config = config;
    this.clock = clock;
  }

  /** Keeps notices the database refused, to send them without it. */
  void hold(List<AlertStore.Queued> notices) {
    for (AlertStore.Queued q : notices) {
      if (held.size() >= MAX_HELD) {
        log.warn("alert notice dropped: {} notices already held in memory while the database refuses writes", MAX_HELD);
        return;
      }
      held.add(q);
    }
  }

  void deliver() {
    if (!held.isEmpty()) {
      try {
        store.queue(held);
        held.clear();
      } catch (StorageException e) {
        sendHeld();
        return;
      }
    }
    Instant now = clock.instant();
    Set<String> blocked = new HashSet<>();
    for (AlertStore.OutboxEntry e : store.pending(BATCH)) {
      if (blocked.contains(e.channel())) {
        continue;
      }
      if (e.nextAttemptAt().isAfter(now) && e.expiresAt().isAfter(now)) {
        blocked.add(e.channel()); // its later notices wait behind it
        continue;
      }
      AlertChannel ch = channels.get().get(e.channel());
      if (ch == null) {
        store.markExpired(e, "the channel is no longer configured");
        continue;
      }
      if (!e.expiresAt().isAfter(now)) {
        log.warn("alert notice '{}' to channel '{}' expired undelivered after {} attempt(s); last error: {}",
            e.notice().headline(), e.channel(), e.attempts(), e.lastError());
        store.markExpired(e, "expired undelivered; last error: " + e.lastError());
        continue;
      }
      if (!store.claim(e, now.plus(LEASE))) {
        blocked.add(e.channel()); // another instance is sending this channel's notices now
        continue;
      }
      try {
        ch.send(e.notice());
        store.markSent(e, clock.instant());
      } catch (DeliveryException ex) {
        blocked.add(e.channel());
        Instant next = now.plus(backoff(e.attempts() + 1));
        log.warn("alert channel '{}' did not take '{}' (attempt {}): {}; next attempt at {}", e.channel(),
            e.notice().headline(), e.attempts() + 1, ex.getMessage(), next);
        store.markFailed(e, ex.getMessage(), next);
      }
    }
  }

  /** While the database is down: one attempt per held notice and tick, its channel skipped after a failure. */
  private void sendHeld() {
    Set<String> blocked = new HashSet<>();
    Instant now = clock.instant();
    for (Iterator<AlertStore.Queued> it = held.iterator(); it.hasNext(); ) {
      AlertStore.Queued q = it.next();
      AlertChannel ch = channels.get().get(q.channel());
      if (ch == null || !q.expiresAt().isAfter(now)) {
        it.remove();
        continue;
      }
      if (blocked.contains(q.channel())) {
        continue;
      }
      try {
        ch.send(q.notice());
        it.remove();
      } catch (DeliveryException ex) {
        blocked.add(q.channel());
        log.warn("alert channel '{}' did not take '{}': {}", q.channel(), q.notice().headline(), ex.getMessage());
      }
    }
  }

  Duration backoff(int attempts) {
    AlertsConfig settings = config.get();
    Duration d = settings.retryMin();
    for (int i = 1; i < attempts && d.compareTo(settings.retryMax()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
  }
}
