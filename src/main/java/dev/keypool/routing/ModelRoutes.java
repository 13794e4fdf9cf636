package dev.keypool.routing;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model routes and providers the relay serves, indexed by public model id. Immutable: a change
 * at run time builds a new instance.
 */
public final class ModelRoutes {
  private final Map<String, ModelRouteConfig> routes = new LinkedHashMap<>();
  private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();

  public ModelRoutes(List<ModelRouteConfig> routes, List<ProviderConfig> providers) {
    routes.forEach(r -> this.routes.put(r.id(), r));
    providers.forEach(p -> this.providers.put(p.id(), p));
  }

  public static ModelRoutes of(GatewayConfig config) {
    return new ModelRoutes(config.models(), config.providers());
  }

  /** The route of this public model id, or null. */
  public ModelRouteConfig find(String model) {
    return routes.get(model);
  }

  public List<ModelRouteConfig> all() {
    return List.copyOf(routes.values());
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
