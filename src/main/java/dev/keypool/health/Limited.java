package dev.keypool.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs an asynchronous task per item with at most {@code cap} running at once; results in item order. */
final class Limited {
  private Limited() {}

  static <T, R> Future<List<R>> run(List<T> items, int cap, Function<T, Future<R>> task) {
    if (items.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Object[] results = new Object[items.size()];
    AtomicInteger nextIndex = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Promise<List<R>> all = Promise.promise();
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      int i = nextIndex.getAndIncrement();
      if (i >= items.size()) {
        return;
      }
      task.apply(items.get(i)).onComplete(ar -> {
        results[i] = ar.succeeded() ? ar.result() : null;
        if (done.incrementAndGet() == items.size()) {
          @SuppressWarnings("unchecked")
          List<R> out = new ArrayList<>((List<R>) Arrays.asList(results));
          out.removeIf(java.util.Objects::isNull);
          all.complete(out);
        } else {
          worker[0].run();
        }
      });
    };
    for (int w = 0; w < Math.min(cap, items.size()); w++) {
      worker[0].run();
    }
    return all.future();
  }
}
