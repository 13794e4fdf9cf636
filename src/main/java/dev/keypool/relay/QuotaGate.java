package dev.keypool.relay;

import dev.keypool.quota.BalanceHolds;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.LocalQuotaEngine;
import dev.keypool.quota.QuotaEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota engine, limit resolver and prepaid balance holds of one instance, and how the relay calls
 * them without blocking an event loop: the in-memory engine alone answers in microseconds and is
 * called inline (with balances that do not block); a Redis round trip or a blocking balance lookup runs on a virtual thread, and its answer comes
 * back on the request's event loop.
 */
public final class QuotaGate implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuotaGate.class);

  private final QuotaEngine engine;
  private final LimitResolver resolver;
  private final BalanceHolds balances;
  private final boolean inline;
  private final ExecutorService offload = Executors.newVirtualThreadPerTaskExecutor();

  public QuotaGate(QuotaEngine engine, LimitResolver resolver, BalanceHolds balances) {
    this.engine = engine;
    this.resolver = resolver;
    this.balances = balances;
    this.inline = engine instanceof LocalQuotaEngine && !balances.blocks();
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

  private static void answer(Context context, Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
