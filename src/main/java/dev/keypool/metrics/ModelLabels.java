package dev.keypool.metrics;

import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.RouteTable;
import dev.keypool.tracking.RequestRecord;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code model} label of a request's metrics, from a set the operator bounds: every label value
 * is a series that lives as long as the process, so a client must not be able to add one per name it
 * makes up. A request counts under its route's canonical id (not the alias it called) when that route
 * is one the gateway lists: a declared route, or a {@code provider/model} of a provider's known
 * models. Any other {@code provider/model} (served, but named by the client) counts under
 * {@code provider/other}, and a request that found no route (unknown model, or refused before
 * routing) under {@code unknown}.
 */
final class ModelLabels {
  static final String UNKNOWN = "unknown";
  static final String OTHER = "other";

  private final RouteTable routes;
  /**
   * The ids of every version of the routes seen so far: a route removed at run time keeps its label
   * for the requests still finishing on it (its series exist anyway).
   */
  private final Set<String> listed = ConcurrentHashMap.newKeySet();
  private volatile ModelRoutes seen;

  ModelLabels(RouteTable routes) {
    this.routes = routes;
  }

  String of(RequestRecord r) {
    String id = r.routeId();
    if (id == null) {
      return UNKNOWN;
    }
    ModelRoutes current = routes.current();
    if (current != seen) {
      // Routes change rarely (a whole new version each time): read its ids once per version.
      current.listed().forEach(route -> listed.add(route.id()));
      seen = current;
    }
    if (listed.contains(id)) {
      return id;
    }
    int slash = id.indexOf('/');
    return slash > 0 && current.provider(id.substring(0, slash)) != null ? id.substring(0, slash) + "/" + OTHER
        : UNKNOWN;
  }
}
