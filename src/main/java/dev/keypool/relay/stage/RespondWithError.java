package dev.keypool.relay.stage;

import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorResponder;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import io.vertx.core.Future;

/**
 * Turns a failure of any later stage into the client's error response, in the called endpoint's
 * format, and notes it on the context so the stages outside (recording) see how the request ended.
 */
public final class RespondWithError implements Stage {

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    return chain.proceed(ctx).recover(failure -> {
      ctx.failure(failure);
      ErrorResponder.respond(ctx.request(), ctx.clientFormat(), ctx.requestId(), failure);
      return Future.succeededFuture();
    });
  }
}
