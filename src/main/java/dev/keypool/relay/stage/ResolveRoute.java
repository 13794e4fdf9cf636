package dev.keypool.relay.stage;

import dev.keypool.config.ModelRouteConfig;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.ModelName;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import dev.keypool.routing.RouteTable;
import io.vertx.core.Future;
import java.util.List;

/**
 * Maps the requested model to its route; a model name over {@link ModelName#MAX_LENGTH} is a 400 and
 * an unknown model a 404 in the caller's format, quoting the name cut short and sanitized. The
 * caller's key narrows it: a model outside its patterns is a 403, and only candidates of providers it
 * may use stay in the route (none left: 403), so failover never leaves the key's scope.
 */
public final class ResolveRoute implements Stage {
  private final RouteTable routes;

  public ResolveRoute(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    if (ctx.body().modelTooLong()) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "model_too_long",
          "'model' is longer than " + ModelName.MAX_LENGTH + " characters.", null);
    }
    String model = ctx.body().model();
    ModelRouteConfig route = routes.current().find(model);
    if (route == null) {
      throw new ApiException(ErrorKind.NOT_FOUND, "model_not_found",
          "The model " + ModelName.quoted(model) + " does not exist or is not served by this gateway.", null);
    }
    ctx.route(ctx.caller() == null ? route : scoped(route, ctx.caller().scopes()));
    return chain.proceed(ctx);
  }

  private static ModelRouteConfig scoped(ModelRouteConfig route, KeyScopes scopes) {
    if (!scopes.models().allows(route.id())) {
      throw new ApiException(ErrorKind.PERMISSION, "model_not_allowed",
          "This API key may not use model " + ModelName.quoted(route.id()) + ".", null);
    }
    if (scopes.providers().isEmpty()) {
      return route;
    }
    List<ModelRouteConfig.Candidate> allowed = route.candidates().stream()
        .filter(c -> scopes.allowsProvider(c.provider())).toList();
    if (allowed.isEmpty()) {
      throw new ApiException(ErrorKind.PERMISSION, "provider_not_allowed", "This API key may not use the providers "
          + "that serve model " + ModelName.quoted(route.id()) + " (allowed: " + String.join(", ", scopes.providers()) + ").", null);
    }
    return allowed.size() == route.candidates().size() ? route
        : route.withCandidates(allowed);
  }
}
