package dev.keypool.alert;

import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.Channels;
import dev.keypool.config.AlertsConfig;
import dev.keypool.storage.ConflictException;
import dev.keypool.storage.Ids;
import dev.keypool.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the sources' conditions into alerts: one alert per (rule, subject) from the moment its
 * condition has held for the rule's {@code hold_for} until it no longer holds, a reminder every
 * {@code reminder_interval} while it stays, and a "resolved" notice at the end. Each change is stored
 * with its notices (one per channel that takes the rule and severity) in one transaction; when the
 * database refuses, the notices are handed to the {@link AlertDispatcher} to hold in memory and the
 * alert is stored on the next evaluation that finds the database. Runs on the alert thread only.
 */
final class AlertEngine {
  private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

  private record Key(RuleKind rule, String subject) {}

  private final AlertStore store;
  private final Supplier<Channels> channels;
  private final List<AlertSignals> sources;
  /** The section in effect: the service swaps it between evaluations only. */
  private final Supplier<AlertsConfig> config;
  private final Clock clock;
  private final AlertDispatcher dispatcher;
  private final Map<Key, Alert> active = new LinkedHashMap<>();
  private final Map<Key, Instant> firstSeen = new HashMap<>();
  /** Ids of active alerts not yet in the database (it refused when they opened). */
  private final Set<String> unsaved = new HashSet<>();
  private boolean loaded;

  AlertEngine(AlertStore store, Supplier<Channels> channels, List<AlertSignals> sources, Supplier<AlertsConfig> config,
      Clock clock,
      AlertDispatcher dispatcher) {
    this.store = store;
    this.channels = channels;
    this.sources = List.copyOf(sources);
    this.config = config;
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  void evaluate() {
    if (!loaded) {
      // The alerts already open (before a restart, or by another instance) are not opened again.
      store.active().forEach(a -> active.put(new Key(a.rule(), a.subject()), a));
      loaded = true;
    }
    Instant now = clock.instant();
    Map<Key, Condition> holding = new LinkedHashMap<>();
    Set<RuleKind> decided = EnumSet.noneOf(RuleKind.class);
    for (AlertSignals source : sources) {
      try {
        for (Condition c : source.conditions(now)) {
          if (source.rules().contains(c.rule()) && config.get().rule(c.rule()).enabled()) {
            holding.put(new Key(c.rule(), c.subject()), c);
          }
        }
        decided.addAll(source.rules());
      } catch (RuntimeException e) {
        log.warn("alert source {} failed; its alerts stay as they are", source.getClass().getSimpleName(), e);
      }
    }
    saveUnsaved();
    firstSeen.keySet().retainAll(holding.keySet());
    for (var e : holding.entrySet()) {
      Alert a = active.get(e.getKey());
      if (a == null) {
        Instant since = firstSeen.computeIfAbsent(e.getKey(), k -> now);
        Duration hold = config.get().rule(e.getKey().rule()).holdFor();
        if (!now.isBefore(since.plus(hold))) {
          open(e.getKey(), e.getValue(), now);
        }
      } else if (!now.isBefore(a.lastNotifiedAt().plus(config.get().reminderInterval()))) {
        remind(e.getKey(), a, now);
      }
    }
    for (Iterator<Map.Entry<Key, Alert>> it = active.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!holding.containsKey(e.getKey()) && decided.contains(e.getKey().rule())) {
        it.remove();
        resolve(e.getValue().resolved(now));
      }
    }
  }

  private void open(Key key, Condition c, Instant now) {
    Alert a = new Alert(Ids.newId("al"), c.rule(), c.subject(), config.get().rule(c.rule()).severity(), c.title(),
        c.detail(), now, now, null, 0);
    List<AlertStore.Queued> notices = notices(Notice.Kind.OPENED, a, now);
    try {
      store.open(a, notices);
      active.put(key, a);
      log.info("alert opened: {} ({}, {}), {} notice(s) queued", a.title(), a.rule().wire(), a.subject(), notices.size());
    } catch (ConflictException e) {
      // Another instance opened it first: take its row, send nothing more.
      store.active().stream().filter(s -> s.rule() == key.rule() && s.subject().equals(key.subject())).findFirst()
          .ifPresent(s -> active.put(key, s));
    } catch (StorageException e) {
      active.put(key, a);
      unsaved.add(a.id());
      dispatcher.hold(notices);
      log.warn("alert opened while the database refuses writes: {} ({}); notices held in memory", a.title(),
          a.rule().wire());
    }
  }

  private void remind(Key key, Alert a, Instant now) {
    Alert next = a.notified(now);
    List<AlertStore.Queued> notices = notices(Notice.Kind.REMINDER, next, now);
    active.put(key, next);
    try {
      // A channel that has not taken the alert's last notice yet needs no reminder on top of it.
      Set<String> behind = unsaved.contains(a.id()) ? Set.of() : store.pendingChannels(a.id());
      notices.removeIf(q -> behind.contains(q.channel()));
      store.remind(next, notices);
    } catch (StorageException e) {
      dispatcher.hold(notices);
    }
  }

  private void resolve(Alert a) {
    List<AlertStore.Queued> notices = notices(Notice.Kind.RESOLVED, a, a.resolvedAt());
    log.info("alert resolved: {} ({}, {})", a.title(), a.rule().wire(), a.subject());
    if (unsaved.remove(a.id())) {
      dispatcher.hold(notices);
      return;
    }
    try {
      store.resolve(a, notices);
    } catch (StorageException e) {
      dispatcher.hold(notices);
    }
  }

  private void saveUnsaved() {
    for (Alert a : new ArrayList<>(active.values())) {
      if (unsaved.contains(a.id())) {
        try {
          store.open(a, List.of());
          unsaved.remove(a.id());
        } catch (ConflictException e) {
          unsaved.remove(a.id());
        } catch (StorageException e) {
          return; // still down
        }
      }
    }
  }

  private List<AlertStore.Queued> notices(Notice.Kind kind, Alert a, Instant now) {
    Notice n = Notice.of(kind, a, now);
    List<AlertStore.Queued> out = new ArrayList<>();
    for (AlertChannel ch : channels.get().all()) {
      if (ch.accepts(a.rule(), a.severity())) {
        out.add(new AlertStore.Queued(ch.name(), n, now.plus(config.get().deliveryExpiry())));
      }
    }
    return out;
  }
}
