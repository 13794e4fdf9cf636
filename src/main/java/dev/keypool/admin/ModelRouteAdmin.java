package dev.keypool.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ConfigException;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.RouteDefinitions;
import dev.keypool.routing.RouteOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/models}: the model routes (the file's, with run-time changes laid over them). A route
 * is put, removed or reset to the file's version at run time; changes are stored, take effect at once
 * and survive restarts (see {@link RouteOverrides}). Route ids may contain {@code /}
 * ({@code anthropic/claude-sonnet-4-5}), so the id is the rest of the path.
 */
final class ModelRouteAdmin {
  private static final String ONE = "/api/models/(?<id>.+)";

  private final RouteOverrides overrides;
  private final RouteTable routes;
  private final Blocking blocking;

  ModelRouteAdmin(RouteOverrides overrides, RouteTable routes, Blocking blocking) {
    this.overrides = overrides;
    this.routes = routes;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/models").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      List<ObjectNode> out = new ArrayList<>();
      routes.current().all().forEach(r -> out.add(view(r)));
      return out;
    }));
    router.routeWithRegex(HttpMethod.POST, "/api/models/(?<id>.+)/reset").handler(rc -> AdminRoutes.respond(rc,
        blocking, 200, () -> {
          String id = id(rc);
          if (!overrides.reset(id)) {
            throw AdminException.notFound("Run-time change of model route", id);
          }
          return overrides.declared(id).map(this::view).orElseGet(() -> removedView(id));
        }));
    router.routeWithRegex(HttpMethod.GET, ONE).handler(rc -> AdminRoutes.respond(rc, blocking, 200, () ->
        overrides.declared(id(rc)).map(this::view).orElseThrow(() -> AdminException.notFound("Model route", id(rc)))));
    router.routeWithRegex(HttpMethod.PUT, ONE).handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      try {
        return view(overrides.put(id(rc), AdminJson.body(rc)));
      } catch (ConfigException e) {
        throw AdminException.invalid(String.join("; ", e.errors()));
      }
    }));
    router.routeWithRegex(HttpMethod.DELETE, ONE).handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String id = id(rc);
      if (!overrides.remove(id)) {
        throw AdminException.notFound("Model route", id);
      }
      return removedView(id);
    }));
  }

  private ObjectNode view(ModelRouteConfig route) {
    return RouteDefinitions.toJson(route).put("source", overrides.source(route.id()));
  }

  private static ObjectNode removedView(String id) {
    ObjectNode out = AdminJson.MAPPER.createObjectNode();
    return out.put("id", id).put("removed", true);
  }

  private static String id(RoutingContext rc) {
    return URLDecoder.decode(rc.pathParam("id"), StandardCharsets.UTF_8);
  }
}
