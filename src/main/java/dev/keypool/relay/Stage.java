package dev.keypool.relay;

import io.vertx.core.Future;

/**
 * One step of the relay pipeline. A stage does its one job, then either answers the request itself or
 * hands it on with {@link Chain#proceed}. Work that must follow the rest of the pipeline (release,
 * settle, record) is attached to the future {@code proceed} returns, so it runs on success, failure
 * and client abort alike.
 */
@FunctionalInterface
public interface Stage {
  Future<Void> handle(RelayContext ctx, Chain chain);
}
