package dev.keypool.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.config.ConfigException;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.RouteDefinitions;
import dev.keypool.config.RoutingConfig;
import dev.keypool.storage.ModelRouteStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model routes changed at run time, laid over the file's: a stored route replaces the file's route of
 * the same id or adds one; a stored removal hides a file route. Every change is stored first, then the
 * {@link RouteTable} is rebuilt, so requests see the new routes at once and later instances (and other
 * instances, on {@link #reload}) see them too. Every method blocks on the database.
 */
public final class RouteOverrides {
  private static final Logger log = LoggerFactory.getLogger(RouteOverrides.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile List<ModelRouteConfig> fileRoutes;
  private volatile RoutingConfig routing;
  private final ModelRouteStore store;
  private final RouteTable table;
  private volatile Set<String> runtimeIds = Set.of();

  /** Routes are checked against the table's providers of the moment: providers change at run time too. */
  public RouteOverrides(List<ModelRouteConfig> fileRoutes, RoutingConfig routing, ModelRouteStore store,
      RouteTable table) {
    this.fileRoutes = List.copyOf(fileRoutes);
    this.routing = routing;
    this.store = store;
    this.table = table;
  }

  /** Re-reads the stored changes and rebuilds the route table. */
  public synchronized void reload() {
    Map<String, Optional<String>> stored = store.all();
    table.update(current -> {
      List<String> changed = new ArrayList<>();
      List<ModelRouteConfig> routes = merge(fileRoutes, stored, current.providerIds(), routing, changed);
      runtimeIds = Set.copyOf(changed);
      return current.withRoutes(routes);
    });
  }

  /**
   * The routes a reloaded configuration file puts in effect (the stored changes read again and laid
   * over {@code routes}, checked against {@code providerIds}, the providers about to be in effect), with
   * nothing changed yet: the caller commits the swap once everything else it needs succeeded, then
   * gives the route table the routes, holding this object's lock throughout. Stored routes take their
   * defaults from {@code nextRouting}, the reloaded file's. Blocks on the database.
   */
  public synchronized PendingSwap<List<ModelRouteConfig>> replaceFile(List<ModelRouteConfig> routes,
      Set<String> providerIds, RoutingConfig nextRouting) {
    List<ModelRouteConfig> file = List.copyOf(routes);
    List<String> changed = new ArrayList<>();
    List<ModelRouteConfig> merged = merge(file, store.all(), providerIds, nextRouting, changed);
    return new PendingSwap<>(merged, () -> {
      this.fileRoutes = file;
      this.routing = nextRouting;
      runtimeIds = Set.copyOf(changed);
    });
  }

  /** {@code file} with the {@code stored} changes laid over them; the ids of the changed routes go to {@code changed}. */
  private List<ModelRouteConfig> merge(List<ModelRouteConfig> file, Map<String, Optional<String>> stored,
      Set<String> providerIds, RoutingConfig routing, List<String> changed) {
    Map<String, ModelRouteConfig> routes = new LinkedHashMap<>();
    file.forEach(r -> routes.put(r.id(), r));
    stored.forEach((id, definition) -> {
      if (definition.isEmpty()) {
        routes.remove(id);
        return;
      }
      try {
        routes.put(id, RouteDefinitions.parse(id, JSON.readTree(definition.get()), routing, providerIds));
        changed.add(id);
      } catch (Exception e) {
        // E.g. a provider the route names was removed from the file: the route cannot be served.
        log.warn("stored model route '{}' is ignored: {}", id, e.getMessage());
      }
    });
    return List.copyOf(routes.values());
  }

  /** Validates and stores route {@code id}; throws {@link ConfigException} naming every problem. */
  public synchronized ModelRouteConfig put(String id, JsonNode body) {
    ModelRouteConfig route = RouteDefinitions.parse(id, body, routing, table.current().providerIds());
    store.put(id, RouteDefinitions.toJson(route).toString());
    reload();
    return route;
  }

  /** Removes route {@code id} (a file route stays hidden after restarts); false if there is none. */
  public synchronized boolean remove(String id) {
    if (declared(id).isEmpty()) {
      return false;
    }
    store.markRemoved(id);
    reload();
    return true;
  }

  /** Drops the run-time change of route {@code id}, so the file's route (if any) applies again. */
  public synchronized boolean reset(String id) {
    if (!store.clear(id)) {
      return false;
    }
    reload();
    return true;
  }

  /** The declared route (file or run time) of exactly this id, not an alias or {@code provider/model}. */
  public Optional<ModelRouteConfig> declared(String id) {
    return table.current().all().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** {@code runtime} for a route set or changed through the API, else {@code file}. */
  public String source(String id) {
    return runtimeIds.contains(id) ? "runtime" : "file";
  }
}
