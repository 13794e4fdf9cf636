package dev.keypool.relay;

import io.vertx.core.Future;
import java.util.List;

/** The rest of the pipeline from one stage on. */
public final class Chain {
  private final List<Stage> stages;
  private final int index;

  Chain(List<Stage> stages, int index) {
    this.stages = stages;
    this.index = index;
  }

  /** Runs the next stage; a pipeline that runs off its end has failed to answer. */
  public Future<Void> proceed(RelayContext ctx) {
    if (index >= stages.size()) {
      return Future.failedFuture(new IllegalStateException("the relay pipeline ended without an answer"));
    }
    try {
      return stages.get(index).handle(ctx, new Chain(stages, index + 1));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
