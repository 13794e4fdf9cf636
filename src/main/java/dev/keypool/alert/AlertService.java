package dev.keypool.alert;

import dev.keypool.alert.channel.AlertChannel;
import dev.keypool.alert.channel.Channels;
import dev.keypool.alert.channel.DeliveryException;
import dev.keypool.config.AlertsConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts of one gateway instance: every {@code evaluate_interval} (first run after a random part of it,
 * so instances started together do not evaluate in step) one thread of its own evaluates the rules
 * ({@link AlertEngine}) and sends due notices ({@link AlertDispatcher}), off the request path and off
 * every event loop; once a day it prunes old history. {@link #tick} runs one round at once, which is
 * what tests do after advancing their clock. A configuration reload swaps the section
 * ({@link #replace}) between two rounds: rules, channels and intervals apply from the next one.
 */
public final class AlertService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertService.class);
  private static final Duration PRUNE_EVERY = Duration.ofDays(1);

  private volatile AlertsConfig config;
  private final AlertStore store;
  private volatile Channels channels;
  private final List<AlertSignals> sources;
  private final Clock clock;
  private final FailureRates failureRates;
  private final PushedSignals pushed;
  private final AlertEngine engine;
  private final AlertDispatcher dispatcher;
  private volatile ScheduledExecutorService thread;
  /** Whether {@link #start} was called: a reload restarts the schedule only of a started service. */
  private boolean started;
  private Instant lastPrune;

  /**
   * @param builtIn the sources read from this instance's memory (key states, writer health); failure
   *     rates and the pushed conditions are added here
   */
  public AlertService(AlertsConfig config, AlertStore store, Channels channels, Clock clock, FailureRates failureRates,
      List<AlertSignals> builtIn) {
    this.config = config;
    this.store = store;
    this.channels = channels;
    this.clock = clock;
    this.failureRates = failureRates;
    this.pushed = new PushedSignals();
    List<AlertSignals> sources = new ArrayList<>(builtIn);
    sources.add(new FailureRateSignals(failureRates, config.rules()));
    sources.add(pushed);
    this.sources = List.copyOf(sources);
    this.dispatcher = new AlertDispatcher(store, this::channels, this::config, clock);
    this.engine = new AlertEngine(store, this::channels, sources, this::config, clock, dispatcher);
  }

  /**
   * Takes a reloaded file's {@code alerts}, between two rounds: the rules' settings, the channels
   * ({@code channels} built from it) and the intervals. A changed {@code evaluate_interval} or
   * {@code enabled} restarts the schedule. Notices queued for a channel no longer configured expire.
   */
  public synchronized void replace(AlertsConfig next, Channels nextChannels) {
    AlertsConfig before = config;
    config = next;
    channels = nextChannels;
    sources.forEach(s -> s.configure(next.rules()));
    if (started && (before.enabled() != next.enabled()
        || !before.evaluateInterval().equals(next.evaluateInterval()))) {
      ScheduledExecutorService t = thread;
      if (t != null) {
        t.shutdown(); // a round in progress ends first (this lock is held against it anyway)
        thread = null;
      }
      start();
    }
  }

  /** Starts the schedule, unless alerts are turned off. */
  public synchronized void start() {
    started = true;
    if (!config.enabled() || thread != null) {
      return;
    }
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keypool-alerts");
      t.setDaemon(true);
      return t;
    });
    long period = config.evaluateInterval().toMillis();
    thread.scheduleWithFixedDelay(this::safeTick, ThreadLocalRandom.current().nextLong(period / 2, period + 1),
        period, TimeUnit.MILLISECONDS);
    log.info("alerts: {} channel(s), rules evaluated every {} s", channels.all().size(),
        config.evaluateInterval().toSeconds());
  }

  /** One round: evaluate every rule, then send what is due. Blocks on the database and the channels. */
  public synchronized void tick() {
    if (!config.enabled()) {
      return;
    }
    engine.evaluate();
    dispatcher.deliver();
    Instant now = clock.instant();
    if (lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
      lastPrune = now;
      store.prune(now.minus(config.historyRetention()));
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("alert evaluation failed; trying again in {} s: {}", config.evaluateInterval().toSeconds(),
          e.getMessage());
    }
  }

  /** Sends a test message to the channel named {@code name} now; blocks; null when there is no such channel. */
  public AlertChannel test(String name) throws DeliveryException {
    AlertChannel ch = channels.get(name);
    if (ch != null) {
      ch.send(Notice.test(name, clock.instant()));
    }
    return ch;
  }

  /** Where other parts raise and clear balance and quota conditions. */
  public PushedSignals pushed() {
    return pushed;
  }

  /** The counts fed with every finished request ({@link FailureRates#record}). */
  public FailureRates failureRates() {
    return failureRates;
  }

  /** A rule's settings, e.g. the threshold a balance or quota feeder compares with. */
  public RuleSettings settings(RuleKind rule) {
    return config.rule(rule);
  }

  public AlertStore store() {
    return store;
  }

  public Channels channels() {
    return channels;
  }

  public AlertsConfig config() {
    return config;
  }

  /** Stops the schedule; a round in progress is interrupted (its notices stay in the outbox). */
  @Override
  public void close() {
    ScheduledExecutorService t = thread;
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
