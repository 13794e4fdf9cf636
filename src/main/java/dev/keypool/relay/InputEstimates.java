package dev.keypool.relay;

import dev.keypool.usage.TokenEstimator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input-token estimates of request bodies for their records, never blocking an event loop and always
 * answering. A small body ({@link #INLINE_BYTES}) is estimated inline: about a millisecond at most. A
 * larger one (up to {@code limits.max_body_bytes}, 10 MB by default) costs a JSON read linear in its
 * size plus the estimator's bounded tokenizer work, so it goes to one worker thread, and the answer
 * comes back on the caller's event loop.
 *
 * <p>The worker's queue is short ({@link #QUEUE}), because a queued body stays in memory until its turn;
 * when it is full, when the estimator fails, or when no answer came within the deadline, the estimate
 * falls back to the body's size at four bytes a token (as quotas reserve it) and says so.
 */
public final class InputEstimates {
  private static final Logger log = LoggerFactory.getLogger(InputEstimates.class);
  /** Bodies up to this size are estimated inline. */
  static final int INLINE_BYTES = 4 * 1024;
  /** Large bodies waiting for the worker, at most. */
  static final int QUEUE = 4;

  /** An estimate; {@code fallback} says it is the body's size only, and why. */
  public record Estimate(long tokens, String fallback) {}

  private final TokenEstimator estimator;
  private final Duration deadline;
  private final ThreadPoolExecutor worker;

  public InputEstimates(TokenEstimator estimator, Duration deadline) {
    this.estimator = estimator;
    this.deadline = deadline;
    this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "keypool-input-estimates");
      t.setDaemon(true);
      return t;
    });
    worker.allowCoreThreadTimeOut(true); // no thread kept while nothing needs estimating
  }

  /** The input tokens of {@code body}; the future always succeeds, on the caller's context. */
  public Future<Estimate> of(byte[] body) {
    if (body.length <= INLINE_BYTES) {
      try {
        return Future.succeededFuture(new Estimate(estimator.estimateInput(body), null));
      } catch (RuntimeException | StackOverflowError e) {
        return Future.succeededFuture(failed(body, e));
      }
    }
    Context context = Vertx.currentContext();
    Promise<Estimate> promise = Promise.promise();
    long timer = context == null ? -1 : context.owner().setTimer(Math.max(1, deadline.toMillis()),
        t -> promise.tryComplete(bySize(body, "no estimate within " + deadline.toMillis() + " ms")));
    try {
      worker.execute(() -> {
        if (promise.future().isComplete()) {
          return; // the deadline passed while it waited
        }
        Estimate e;
        try {
          e = new Estimate(estimator.estimateInput(body), null);
        } catch (RuntimeException | StackOverflowError ex) {
          e = failed(body, ex);
        }
        answer(context, promise, e, timer);
      });
    } catch (RejectedExecutionException full) {
      answer(context, promise, bySize(body, "the estimator is busy"), timer);
    }
    return promise.future();
  }

  private static void answer(Context context, Promise<Estimate> promise, Estimate e, long timer) {
    if (context == null) {
      promise.tryComplete(e);
      return;
    }
    context.runOnContext(v -> {
      context.owner().cancelTimer(timer);
      promise.tryComplete(e);
    });
  }

  private static Estimate failed(byte[] body, Throwable e) {
    log.warn("the input estimate of a record failed; the body's size is used instead", e);
    return bySize(body, "the estimator failed");
  }

  /** The size-based fallback: an over-estimate, as JSON syntax counts too, so it errs on the safe side. */
  static Estimate bySize(byte[] body, String why) {
    return new Estimate(QuotaEstimate.tokensBySize(body.length), why);
  }
}
