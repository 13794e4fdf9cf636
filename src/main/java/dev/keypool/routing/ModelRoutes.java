package dev.keypool.routing;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.config.RoutingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model routes and providers the relay serves, indexed by public model id and alias. Immutable: a
 * change at run time builds a new instance.
 *
 * <p>Besides the declared routes, {@code provider/model} resolves without a route entry to that
 * provider's model (as OpenRouter and LiteLLM users expect), with the routing defaults. A declared
 * route or alias of the same id wins.
 */
public final class ModelRoutes {
  private final Map<String, ModelRouteConfig> routes = new LinkedHashMap<>();
  private final Map<String, ModelRouteConfig> aliases = new HashMap<>();
  private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
  private final RoutingConfig routing;

  public ModelRoutes(List<ModelRouteConfig> routes, List<ProviderConfig> providers, RoutingConfig routing) {
    this.routing = routing;
    routes.forEach(r -> this.routes.put(r.id(), r));
    // Aliases never shadow a route id: the run-time API may add a route named like an older alias.
    routes.forEach(r -> r.aliases().forEach(a -> {
      if (!this.routes.containsKey(a)) {
        aliases.putIfAbsent(a, r);
      }
    }));
    providers.forEach(p -> this.providers.put(p.id(), p));
  }

  public static ModelRoutes of(GatewayConfig config) {
    return new ModelRoutes(config.models(), config.providers(), config.routing());
  }

  /** The same providers and defaults with other routes: what a run-time route change builds. */
  public ModelRoutes withRoutes(List<ModelRouteConfig> next) {
    return new ModelRoutes(next, List.copyOf(providers.values()), routing);
  }

  /** The same routes and defaults with other providers: what a run-time provider change builds. */
  public ModelRoutes withProviders(List<ProviderConfig> next) {
    return new ModelRoutes(List.copyOf(routes.values()), next, routing);
  }

  /** The same routes and providers with other routing defaults: what a configuration reload builds. */
  public ModelRoutes withRouting(RoutingConfig next) {
    return new ModelRoutes(List.copyOf(routes.values()), List.copyOf(providers.values()), next);
  }

  /** The routing policy that goes with this version: defaults, the overall deadline, cooldowns and bans. */
  public RoutingConfig routing() {
    return routing;
  }

  /** The providers, in the file's order, then those added at run time. */
  public List<ProviderConfig> providers() {
    return List.copyOf(providers.values());
  }

  /** The ids of {@link #providers()}. */
  public java.util.Set<String> providerIds() {
    return java.util.Collections.unmodifiableSet(providers.keySet());
  }

  /**
   * The route of this public model id: a declared route, an alias, or {@code provider/model} of a
   * configured provider; null when none matches.
   */
  public ModelRouteConfig find(String model) {
    if (model == null) {
      return null;
    }
    ModelRouteConfig route = routes.get(model);
    if (route == null) {
      route = aliases.get(model);
    }
    return route != null ? route : direct(model);
  }

  /** {@code provider/model} as a one-candidate route with the routing defaults, or null. */
  private ModelRouteConfig direct(String model) {
    int slash = model.indexOf('/');
    if (slash <= 0 || slash == model.length() - 1) {
      return null;
    }
    ProviderConfig provider = providers.get(model.substring(0, slash));
    if (provider == null) {
      return null;
    }
    return new ModelRouteConfig(model, List.of(new ModelRouteConfig.Candidate(provider.id(), model.substring(slash + 1))),
        routing.defaultStrategy(), routing.maxAttempts(), routing.callsPerRotation());
  }

  /** The declared routes, in declaration order. */
  public List<ModelRouteConfig> all() {
    return List.copyOf(routes.values());
  }

  /**
   * What {@code GET /v1/models} lists: the declared routes, then {@code provider/model} for each
   * provider's known models that no route already names.
   */
  public List<ModelRouteConfig> listed() {
    List<ModelRouteConfig> out = new ArrayList<>(routes.values());
    for (ProviderConfig p : providers.values()) {
      for (String model : p.models()) {
        String id = p.id() + "/" + model;
        if (!routes.containsKey(id) && !aliases.containsKey(id)) {
          out.add(direct(id));
        }
      }
    }
    return out;
  }

  public ProviderConfig provider(String id) {
    return providers.get(id);
  }

  /** The route's candidates whose provider speaks {@code format}, in the route's order. */
  public List<Target> targets(ModelRouteConfig route, ProviderFormat format) {
    List<Target> out = new ArrayList<>(route.candidates().size());
    for (ModelRouteConfig.Candidate c : route.candidates()) {
      ProviderConfig p = providers.get(c.provider());
      if (p != null && p.format() == format) {
        out.add(new Target(p, c.model()));
      }
    }
    return out;
  }

  /** All the route's candidates, whatever their wire format, in the route's order. */
  public List<Target> targets(ModelRouteConfig route) {
    List<Target> out = new ArrayList<>(route.candidates().size());
    for (ModelRouteConfig.Candidate c : route.candidates()) {
      ProviderConfig p = providers.get(c.provider());
      if (p != null) {
        out.add(new Target(p, c.model()));
      }
    }
    return out;
  }

  /** A provider and the model name to ask it for. */
  public record Target(ProviderConfig provider, String model) {}
}
