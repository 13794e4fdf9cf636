package dev.keypool.relay.stage;

import dev.keypool.config.ModelRouteConfig;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import dev.keypool.routing.RouteTable;
import io.vertx.core.Future;

/** Maps the requested model to its route; an unknown model is a 404 in the caller's format. */
public final class ResolveRoute implements Stage {
  private final RouteTable routes;

  public ResolveRoute(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    String model = ctx.body().model();
    ModelRouteConfig route = routes.current().find(model);
    if (route == null) {
      throw new ApiException(ErrorKind.NOT_FOUND, "model_not_found",
          "The model '" + model + "' does not exist or is not served by this gateway.", null);
    }
    ctx.route(route);
    return chain.proceed(ctx);
  }
}
