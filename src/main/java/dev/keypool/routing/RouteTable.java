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

  public void replace(ModelRoutes routes) {
    this.current = routes;
  }
}
