package dev.keypool.config;

import dev.keypool.gatewaykey.IpAllowList;

/** The two HTTP listeners: the client-facing proxy port and the operator-facing admin port. */
public record ListenersConfig(Listener proxy, Listener admin) {

  /**
   * One listener's bind address (port 0 picks a free port, for tests) and the most connections it
   * keeps open at once; past that, new connections are refused (see {@code docs/configuration.md}).
   *
   * @param healthPath the proxy port's liveness path for load balancers ({@code /ready} appended is the
   *     readiness path), answered before authentication; empty when off, and always empty on the admin port
   * @param trustedProxies the load balancers and proxies whose {@code X-Forwarded-For} / {@code Forwarded}
   *     headers give the client's address; empty (the default) trusts none: the peer is the client
   */
  public record Listener(String host, int port, int maxConnections, String healthPath, IpAllowList trustedProxies) {

    public Listener(String host, int port, int maxConnections) {
      this(host, port, maxConnections, "");
    }

    public Listener(String host, int port, int maxConnections, String healthPath) {
      this(host, port, maxConnections, healthPath, IpAllowList.ANY);
    }
  }
}
