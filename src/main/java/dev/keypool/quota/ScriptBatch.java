package dev.keypool.quota;

import io.lettuce.core.RedisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the calls of one script that wait at the same time as a single call. A call goes out at once
 * while fewer than {@code maxInFlight} are outstanding; the others queue and leave together as soon as
 * one comes back. So a lone request waits for nothing, while under load one round trip to Redis (one
 * write, one read, one wake-up of Lettuce's thread, one script call) serves many requests: per request
 * that round trip cost more CPU than the request's own work in the gateway.
 *
 * <p>The script must take its parts one after the other and answer one number per part, in order
 * ({@code reserve.lua}, {@code adjust.lua}). Redis runs a script atomically, so a batch is exactly as
 * if its parts had been sent one by one in that order: nothing else runs between them, and each part
 * sees what the ones before it did. Should the call fail (Redis unreachable, timeout), every part fails
 * with the same {@link RedisException}, as its own call would have.
 */
final class ScriptBatch {
  /** Most parts in one call: bounds the time the script holds Redis (tens of microseconds per part). */
  static final int MAX_PARTS = 256;

  /** One caller's part: its keys and arguments in the script's layout, and the number it waits for. */
  private record Part(String[] keys, String[] args, CompletableFuture<Long> answer) {}

  private final LuaScript script;
  private final RedisLink redis;
  private final int maxInFlight;
  private final Queue<Part> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param maxInFlight calls outstanding at most: two on a link many threads share (one is sent while
   *     the other's answer travels), one on a link a single event loop uses
   */
  ScriptBatch(LuaScript script, RedisLink redis, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    }
    this.script = script;
    this.redis = redis;
    this.maxInFlight = maxInFlight;
  }

  /** Queues a part and sends it, alone or with others; the stage completes on Lettuce's I/O thread. */
  CompletionStage<Long> submit(String[] keys, String[] args) {
    Part part = new Part(keys, args, new CompletableFuture<>());
    queue.add(part);
    sendWaiting();
    return part.answer;
  }

  /** Whether nothing is queued or awaiting an answer. */
  boolean idle() {
    return queue.isEmpty() && inFlight.get() == 0;
  }

  /**
   * Sends what is queued while a call slot is free. A caller that finds every slot taken leaves its
   * part queued: the call that frees a slot looks at the queue after freeing it, and the part was
   * queued before the caller looked at the slots, so one of the two always sends it.
   */
  private void sendWaiting() {
    while (!queue.isEmpty()) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(n, n + 1)) {
        continue;
      }
      List<Part> parts = new ArrayList<>();
      for (Part p; parts.size() < MAX_PARTS && (p = queue.poll()) != null; ) {
        parts.add(p);
      }
      if (parts.isEmpty()) {
        inFlight.decrementAndGet(); // another sender took them
      } else {
        send(parts);
      }
    }
  }

  private void send(List<Part> parts) {
    int keyCount = 0;
    int argCount = 0;
    for (Part p : parts) {
      keyCount += p.keys.length;
      argCount += p.args.length;
    }
    String[] keys = new String[keyCount];
    String[] args = new String[argCount];
    int k = 0;
    int a = 0;
    for (Part p : parts) {
      System.arraycopy(p.keys, 0, keys, k, p.keys.length);
      System.arraycopy(p.args, 0, args, a, p.args.length);
      k += p.keys.length;
      a += p.args.length;
    }
    CompletionStage<List<Long>> call;
    try {
      call = redis.whenConnected().thenCompose(async -> script.runAsync(async, keys, args));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete((answers, error) -> {
      inFlight.decrementAndGet();
      sendWaiting(); // the next batch leaves before this one's callers run on
      answer(parts, answers, error);
    });
  }

  private void answer(List<Part> parts, List<Long> answers, Throwable error) {
    Throwable failure = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
    if (failure == null && (answers == null || answers.size() != parts.size())) {
      failure = new RedisException(script + " answered " + (answers == null ? "nothing" : answers.size() + " numbers")
          + " for " + parts.size() + " parts");
    }
    for (int i = 0; i < parts.size(); i++) {
      if (failure != null) {
        parts.get(i).answer.completeExceptionally(failure);
      } else {
        parts.get(i).answer.complete(answers.get(i));
      }
    }
  }
}
