package dev.keypool.routing;

/**
 * The current {@link ModelRoutes}, swapped as a whole when routes change at run time so a request
 * sees one consistent version from start to end.
 */
public final class RouteTable {
  private volatile ModelRoutes current;

  public RouteTable(ModelRoutes initial) {
    this.current = initial;
  }

  public ModelRoutes current() {
    return current;
  }

  public synchronized void replace(ModelRoutes routes) {
    this.current = routes;
  }

  /**
   * Replaces the current version with {@code change} applied to it, so that a route change and a
   * provider change made at the same time never undo each other. Never called on the request path.
   */
  public synchronized ModelRoutes update(java.util.function.UnaryOperator<ModelRoutes> change) {
    current = change.apply(current);
    return current;
  }
}
