package dev.keypool.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * The Redis quota engine: the same limits as {@link LocalQuotaEngine}, shared and exact across every
 * instance that uses the same Redis and key prefix.
 *
 * <p>Each operation is one Lua script ({@code reserve.lua}, {@code adjust.lua}), so a reservation
 * over several limits is checked and taken atomically against what every instance has taken. The
 * asynchronous calls of concurrent requests share one script call ({@link ScriptBatch}): the same
 * answers as one call each, at a fraction of the round trips. A window
 * counter's key carries the window start ({@code <prefix>q:<counter>:<startMillis>}) and expires
 * when the window ends. A concurrency counter is a sorted set of reservation ids scored by a lease
 * deadline ({@code <prefix>c:<counter>}), so slots held by an instance that died are freed when the
 * lease runs out instead of leaking forever.
 *
 * <p>Time is the injected clock's, passed to the scripts, never Redis TIME: every instance must run
 * NTP-synchronised clocks (window boundaries are computed from them), and tests move time at will.
 * All keys of one reservation are touched by one script, so this needs a single Redis (or primary),
 * not Redis Cluster.
 *
 * <p>Failures (Redis unreachable, timeout) surface as Lettuce's unchecked {@code RedisException};
 * {@link FailoverQuotaEngine} turns them into local enforcement. The {@link RedisLink} belongs to
 * the caller, who closes it; closing the engine does not.
 */
public final class RedisQuotaEngine implements QuotaEngine {
  private static final LuaScript RESERVE = LuaScript.load("/dev/keypool/quota/reserve.lua");
  private static final LuaScript ADJUST = LuaScript.load("/dev/keypool/quota/adjust.lua");

  private final RedisLink redis;
  private final String prefix;
  private final Clock clock;
  private final LocalTime dailyReset;
  private final Duration concurrencyLease;
  private final Batches shared;
  /** Per event-loop thread, batches on a link that lives on that loop ({@link #useLoopLinks}). */
  private volatile Map<Thread, Batches> onLoops = Map.of();

  /**
   * The two scripts' batches on one link, with at most {@code callsOut} calls of each outstanding: two
   * on the shared link (one goes out while the other's answer travels back), one on a loop's link,
   * whose calls all come from one thread that cannot use a second slot any sooner than it would fill a
   * larger batch.
   */
  private record Batches(ScriptBatch reserves, ScriptBatch adjustments) {
    Batches(RedisLink link, int callsOut) {
      this(new ScriptBatch(RESERVE, link, callsOut), new ScriptBatch(ADJUST, link, callsOut));
    }
  }

  /**
   * @param prefix prepended to every key (e.g. {@code "keypool:"}), so several gateways can share a Redis
   * @param concurrencyLease how long a concurrency slot is held at most if never settled or released
   */
  public RedisQuotaEngine(RedisLink redis, String prefix, Clock clock, LocalTime dailyReset, Duration concurrencyLease) {
    this.redis = redis;
    this.prefix = prefix;
    this.clock = clock;
    this.dailyReset = dailyReset;
    this.concurrencyLease = concurrencyLease;
    this.shared = new Batches(redis, 2);
  }

  /**
   * From now on, an asynchronous call made on one of these threads (event loops) goes through that
   * thread's link, whose connection lives on the same loop ({@link RedisLink#onLoop}); calls from any
   * other thread keep using the engine's own link. The links belong to the caller.
   */
  public void useLoopLinks(Map<Thread, RedisLink> links) {
    Map<Thread, Batches> batches = new HashMap<>();
    links.forEach((thread, link) -> batches.put(thread, new Batches(link, 1)));
    onLoops = Map.copyOf(batches);
  }

  /**
   * Sends every later call through the engine's own link again and waits up to {@code wait} until
   * the loop links have nothing queued or unanswered, so that they can be closed (before their loops
   * stop) without dropping a settlement. Returns whether they all went idle in time.
   */
  public boolean leaveLoopLinks(Duration wait) {
    var left = onLoops.values();
    onLoops = Map.of();
    long deadline = System.nanoTime() + wait.toNanos();
    while (!left.stream().allMatch(b -> b.reserves().idle() && b.adjustments().idle())) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return true;
  }

  private Batches batches() {
    Batches own = onLoops.get(Thread.currentThread());
    return own != null ? own : shared;
  }

  @Override
  public Decision reserve(List<Limit> limits, Amount estimate) {
    Instant now = clock.instant();
    List<Hold> holds = HoldPlan.of(limits, estimate, now, dailyReset);
    String id = UUID.randomUUID().toString();
    if (holds.isEmpty()) {
      return admitted(id, estimate, holds);
    }
    long refused = RESERVE.run(redis.commands(), keys(holds), reserveArgs(now, id, holds)).get(0);
    return decision(refused, id, estimate, holds, now);
  }

  /** Never blocks: the script is sent on the link's connection and answered on Lettuce's I/O thread. */
  @Override
  public boolean nonBlocking() {
    return true;
  }

  @Override
  public CompletionStage<Decision> reserveAsync(List<Limit> limits, Amount estimate) {
    Instant now = clock.instant();
    List<Hold> holds = HoldPlan.of(limits, estimate, now, dailyReset);
    String id = UUID.randomUUID().toString();
    if (holds.isEmpty()) {
      return CompletableFuture.completedFuture(admitted(id, estimate, holds));
    }
    return batches().reserves().submit(keys(holds), reserveArgs(now, id, holds))
        .thenApply(refused -> decision(refused, id, estimate, holds, now));
  }

  /** One reservation's part of reserve.lua's arguments. */
  private String[] reserveArgs(Instant now, String id, List<Hold> holds) {
    List<String> args = new ArrayList<>(List.of(id, Long.toString(now.toEpochMilli()),
        Long.toString(concurrencyLease.toMillis()), Integer.toString(holds.size())));
    for (Hold h : holds) {
      args.add(windowed(h) ? "w" : "c");
      args.add(Long.toString(h.limit().max()));
      args.add(Long.toString(h.amount()));
      args.add(Long.toString(h.windowEndMillis()));
    }
    return args.toArray(String[]::new);
  }

  /** {@code refused}: 0 when every hold was taken, else the 1-based index of the hold that refused. */
  private static Decision decision(long refused, String id, Amount estimate, List<Hold> holds, Instant now) {
    return refused > 0 ? HoldPlan.refuse(holds.get((int) refused - 1), now) : admitted(id, estimate, holds);
  }

  private static Decision admitted(String id, Amount estimate, List<Hold> holds) {
    return new Decision.Admitted(new Reservation(id, Backend.REDIS, estimate, holds));
  }

  @Override
  public void settle(Reservation reservation, Amount actual) {
    if (reservation.finish()) {
      adjust(reservation, actual);
    }
  }

  @Override
  public void release(Reservation reservation) {
    if (reservation.finish()) {
      adjust(reservation, null);
    }
  }

  @Override
  public CompletionStage<Void> settleAsync(Reservation reservation, Amount actual) {
    return reservation.finish() ? adjustAsync(reservation, actual) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> releaseAsync(Reservation reservation) {
    return reservation.finish() ? adjustAsync(reservation, null) : CompletableFuture.completedFuture(null);
  }

  @Override
  public long current(Limit limit) {
    Instant now = clock.instant();
    Hold hold = HoldPlan.of(List.of(limit), Amount.ZERO, now, dailyReset).get(0);
    String key = keys(List.of(hold))[0];
    if (windowed(hold)) {
      String v = redis.commands().get(key);
      return v == null ? 0 : Long.parseLong(v);
    }
    // Slots whose lease ran out are not held any more, as reserve.lua sees it.
    return redis.commands().zcount(key, io.lettuce.core.Range.create(now.toEpochMilli() + 1, Long.MAX_VALUE));
  }

  @Override
  public String state() {
    return "redis";
  }

  /** Answers if Redis does, else throws; the probe of {@link FailoverQuotaEngine}. */
  public void ping() {
    redis.commands().ping();
  }

  /** Where the shared counters live, for messages. */
  public String address() {
    return redis.address();
  }

  /** Moves each window counter by {@code actual - estimate} ({@code -estimate} when actual is null); frees slots. */
  private void adjust(Reservation reservation, Amount actual) {
    if (!reservation.holds().isEmpty()) {
      ADJUST.run(redis.commands(), keys(reservation.holds()), adjustArgs(reservation, actual));
    }
  }

  private CompletionStage<Void> adjustAsync(Reservation reservation, Amount actual) {
    if (reservation.holds().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return batches().adjustments().submit(keys(reservation.holds()), adjustArgs(reservation, actual)).thenApply(n -> null);
  }

  /** One reservation's part of adjust.lua's arguments. */
  private String[] adjustArgs(Reservation reservation, Amount actual) {
    List<String> args = new ArrayList<>(List.of(reservation.id(), Long.toString(clock.millis()),
        Integer.toString(reservation.holds().size())));
    for (Hold h : reservation.holds()) {
      long delta = actual == null ? -h.amount() : actual.of(h.limit().kind()) - h.amount();
      args.add(windowed(h) ? "w" : "c");
      args.add(Long.toString(delta));
      args.add(Long.toString(h.windowEndMillis()));
    }
    return args.toArray(String[]::new);
  }

  private String[] keys(List<Hold> holds) {
    String[] keys = new String[holds.size()];
    for (int i = 0; i < keys.length; i++) {
      Hold h = holds.get(i);
      keys[i] = windowed(h)
          ? prefix + "q:" + h.limit().counterName() + ":" + h.windowStartMillis()
          : prefix + "c:" + h.limit().counterName();
    }
    return keys;
  }

  private static boolean windowed(Hold h) {
    return h.limit().kind().windowed();
  }
}
