package dev.keypool.quota;

import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota engine of an instance configured with Redis: enforces through {@link RedisQuotaEngine}
 * while Redis answers, and through a {@link LocalQuotaEngine} while it does not.
 *
 * <p>The first Redis failure of an operation (connection lost, refused, or a command past the link's
 * timeout) makes the engine <em>degraded</em>: it logs the switch once, serves that request and every
 * following one locally, and pings Redis on a background timer every {@code probeEvery}. The first
 * answered ping switches it back, logged once too. While degraded each instance enforces its limits
 * alone, so the shared limits are per instance until recovery; counts made locally are not copied to
 * Redis. A reservation settles where it was made: local ones locally, Redis ones in Redis (and if
 * Redis is gone by then, the adjustment is dropped; the window's key expires anyway).
 *
 * <p>A reservation that timed out may still run in Redis once Redis answers (the script was sent);
 * then Redis counts a request that was served locally. That errs on the safe side and is bounded by
 * the requests in flight at the moment of the switch.
 */
public final class FailoverQuotaEngine implements QuotaEngine {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverQuotaEngine.class);

  private final RedisQuotaEngine redis;
  private final LocalQuotaEngine local;
  private final AtomicReference<String> degradedReason = new AtomicReference<>();
  private final ScheduledExecutorService probe;

  /** An engine that probes Redis every 2 seconds while degraded. */
  public FailoverQuotaEngine(RedisQuotaEngine redis, LocalQuotaEngine local) {
    this(redis, local, Duration.ofSeconds(2));
  }

  public FailoverQuotaEngine(RedisQuotaEngine redis, LocalQuotaEngine local, Duration probeEvery) {
    this.redis = redis;
    this.local = local;
    this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keypool-quota-redis-probe");
      t.setDaemon(true);
      return t;
    });
    probe.execute(this::connectNow);
    probe.scheduleWithFixedDelay(this::probeIfDegraded, probeEvery.toMillis(), probeEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether limits are enforced locally because Redis did not answer. */
  public boolean degraded() {
    return degradedReason.get() != null;
  }

  /** Why the engine is degraded (the Redis error), or empty while it uses Redis. */
  public Optional<String> degradedReason() {
    return Optional.ofNullable(degradedReason.get());
  }

  @Override
  public Decision reserve(List<Limit> limits, Amount estimate) {
    if (!degraded()) {
      try {
        return redis.reserve(limits, estimate);
      } catch (RedisException e) {
        degrade(e);
      }
    }
    return local.reserve(limits, estimate);
  }

  @Override
  public void settle(Reservation reservation, Amount actual) {
    if (reservation.backend() == Backend.LOCAL) {
      local.settle(reservation, actual);
      return;
    }
    try {
      redis.settle(reservation, actual);
    } catch (RedisException e) {
      degrade(e);
    }
  }

  @Override
  public void release(Reservation reservation) {
    if (reservation.backend() == Backend.LOCAL) {
      local.release(reservation);
      return;
    }
    try {
      redis.release(reservation);
    } catch (RedisException e) {
      degrade(e);
    }
  }

  /** Redis asynchronously, or memory: never blocks. */
  @Override
  public boolean nonBlocking() {
    return true;
  }

  @Override
  public CompletionStage<Decision> reserveAsync(List<Limit> limits, Amount estimate) {
    if (degraded()) {
      return CompletableFuture.completedFuture(local.reserve(limits, estimate));
    }
    return redis.reserveAsync(limits, estimate).exceptionallyCompose(e -> {
      degrade(redisFailure(e));
      return CompletableFuture.completedFuture(local.reserve(limits, estimate));
    });
  }

  @Override
  public CompletionStage<Void> settleAsync(Reservation reservation, Amount actual) {
    if (reservation.backend() == Backend.LOCAL) {
      local.settle(reservation, actual);
      return CompletableFuture.completedFuture(null);
    }
    return droppedOnFailure(redis.settleAsync(reservation, actual));
  }

  @Override
  public CompletionStage<Void> releaseAsync(Reservation reservation) {
    if (reservation.backend() == Backend.LOCAL) {
      local.release(reservation);
      return CompletableFuture.completedFuture(null);
    }
    return droppedOnFailure(redis.releaseAsync(reservation));
  }

  /** As the synchronous settle: an adjustment Redis did not take is dropped (its window expires anyway). */
  private CompletionStage<Void> droppedOnFailure(CompletionStage<Void> adjustment) {
    return adjustment.exceptionally(e -> {
      degrade(redisFailure(e));
      return null;
    });
  }

  /** The Redis failure behind an asynchronous one; anything else is not the engine's to absorb and is thrown on. */
  private static RedisException redisFailure(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof RedisException r) {
      return r;
    }
    throw e instanceof CompletionException c ? c : new CompletionException(cause);
  }

  @Override
  public long current(Limit limit) {
    if (!degraded()) {
      try {
        return redis.current(limit);
      } catch (RedisException e) {
        degrade(e);
      }
    }
    return local.current(limit);
  }

  @Override
  public String state() {
    return degraded() ? "local-fallback" : "redis";
  }

  @Override
  public void close() {
    probe.shutdownNow();
  }

  private void degrade(RedisException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String reason = "Redis at " + redis.address() + " unreachable: " + e.getMessage()
        + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    if (degradedReason.compareAndSet(null, reason)) {
      LOG.warn("Quota enforcement is now LOCAL to this instance (limits are not shared) until Redis answers again: {}",
          reason);
    }
  }

  /**
   * Connects at once, off the caller's thread: a cold first connection takes longer than a request
   * should wait, and a Redis that is down at start-up is reported (and bypassed) before the first request.
   */
  private void connectNow() {
    try {
      redis.ping();
    } catch (RedisException e) {
      degrade(e);
    }
  }

  private void probeIfDegraded() {
    String reason = degradedReason.get();
    if (reason == null) {
      return;
    }
    try {
      redis.ping();
    } catch (RuntimeException e) {
      LOG.debug("Redis probe failed: {}", e.getMessage());
      return;
    }
    if (degradedReason.compareAndSet(reason, null)) {
      LOG.info("Redis at {} answers again: quota enforcement is shared through Redis again", redis.address());
    }
  }
}
