package dev.keypool.relay;

import dev.keypool.quota.Amount;
import dev.keypool.quota.BalanceHolds;
import dev.keypool.quota.Decision;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.LocalQuotaEngine;
import dev.keypool.quota.QuotaEngine;
import dev.keypool.quota.Reservation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota engine, limit resolver and prepaid balance holds of one instance, and how the relay calls
 * them without blocking an event loop: the in-memory engine alone answers in microseconds and is
 * called inline (with balances that do not block); a Redis engine is called asynchronously (its script
 * goes out on Lettuce's connection and the answer comes back on the request's event loop); a blocking
 * balance lookup runs on a virtual thread, and its answer comes back on the request's event loop too.
 */
public final class QuotaGate implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuotaGate.class);

  private final QuotaEngine engine;
  private final LimitResolver resolver;
  private final BalanceHolds balances;
  private final boolean inline;
  private final boolean asynchronous;
  private final ExecutorService offload = Executors.newVirtualThreadPerTaskExecutor();

  public QuotaGate(QuotaEngine engine, LimitResolver resolver, BalanceHolds balances) {
    this.engine = engine;
    this.resolver = resolver;
    this.balances = balances;
    this.inline = engine instanceof LocalQuotaEngine && !balances.blocks();
    this.asynchronous = !inline && engine.nonBlocking() && !balances.blocks();
  }

  public QuotaEngine engine() {
    return engine;
  }

  public LimitResolver resolver() {
    return resolver;
  }

  public BalanceHolds balances() {
    return balances;
  }

  /**
   * Whether admission and settlement go through the engine's asynchronous calls ({@link #reserve},
   * {@link #settle}) rather than {@link #call} and {@link #fire}: for an engine that waits on the network
   * but never blocks, with balances that answer from memory.
   */
  public boolean asynchronous() {
    return asynchronous;
  }

  /** The engine's asynchronous reservation; the answer is on the caller's context. */
  public Future<Decision> reserve(List<Limit> limits, Amount estimate) {
    return onCallerContext(engine.reserveAsync(limits, estimate));
  }

  /**
   * Settles ({@code actual} non-null) or releases a reservation without waiting; failures are logged.
   * For {@link #asynchronous()} gates.
   */
  public void settle(Reservation reservation, Amount actual) {
    CompletionStage<Void> done = actual == null ? engine.releaseAsync(reservation)
        : engine.settleAsync(reservation, actual);
    done.whenComplete((v, e) -> {
      if (e != null) {
        log.warn("quota settlement failed: {}", e.toString());
      }
    });
  }

  /** Runs {@code work} inline or on a virtual thread (see the class comment); the answer is on the caller's context. */
  public <T> Future<T> call(Callable<T> work) {
    if (inline) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return offloaded(work);
  }

  /** Always off the event loop: for work that may block whatever the engine (database reads). */
  public <T> Future<T> offloaded(Callable<T> work) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    offload.execute(() -> {
      try {
        T result = work.call();
        answer(context, () -> promise.complete(result));
      } catch (Throwable e) {
        answer(context, () -> promise.fail(e));
      }
    });
    return promise.future();
  }

  /** Runs cleanup nobody waits for (settle, release): inline or on a virtual thread; failures are logged. */
  public void fire(Runnable work) {
    Runnable guarded = () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.warn("quota settlement failed: {}", e.toString());
      }
    };
    if (inline) {
      guarded.run();
    } else {
      offload.execute(guarded);
    }
  }

  @Override
  public void close() {
    offload.close();
    engine.close();
  }

  private static <T> Future<T> onCallerContext(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    stage.whenComplete((result, e) -> {
      Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      Runnable action = e == null ? () -> promise.complete(result) : () -> promise.fail(failure);
      // Answered at once on the caller's own thread (an engine that answered from memory): no hop.
      if (context != null && Vertx.currentContext() != context) {
        context.runOnContext(v -> action.run());
      } else {
        action.run();
      }
    });
    return promise.future();
  }

  private static void answer(Context context, Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
