package dev.keypool.clientip;

import dev.keypool.gatewaykey.IpAllowList;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address of a request: the connection's peer, unless that peer is one of the
 * listener's trusted proxies ({@code trusted_proxies}); then the address the proxies report, read
 * from {@code X-Forwarded-For} (else {@code Forwarded: for=}) right to left, past every hop that is
 * itself trusted. A header sent by anyone else is ignored: a client could write any address in it.
 *
 * <p>When every hop is trusted, the left-most is the client; a hop that is not an IP address
 * ({@code unknown}, an obfuscated name) stops the walk at the last address that was one.
 */
public final class ClientAddress {
  /** Trusts no proxy: the peer address always. */
  public static final ClientAddress PEER = new ClientAddress(IpAllowList.ANY);

  private final IpAllowList trusted;

  /** @param trusted the proxies whose forwarding headers are believed; empty trusts none */
  public ClientAddress(IpAllowList trusted) {
    this.trusted = trusted;
  }

  /** The client IP of {@code request}, or null when the peer is unknown. */
  public String of(HttpServerRequest request) {
    var peer = request.remoteAddress();
    String ip = peer == null ? null : peer.host();
    if (trusted.isEmpty() || ip == null || !trusted.allows(ip)) {
      return ip;
    }
    List<String> hops = forwardedFor(request);
    for (int i = hops.size() - 1; i >= 0 && trusted.allows(ip); i--) {
      String hop = hops.get(i);
      if (!IpAllowList.isAddress(hop)) {
        break;
      }
      ip = hop;
    }
    return ip;
  }

  /** The addresses the proxies added, left (the first) to right (the nearest); X-Forwarded-For first. */
  static List<String> forwardedFor(HttpServerRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : request.headers().getAll("x-forwarded-for")) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(address(hop.trim()));
        }
      }
    }
    if (!hops.isEmpty()) {
      return hops;
    }
    for (String header : request.headers().getAll("forwarded")) {
      for (String element : header.split(",")) {
        hops.add(forNode(element));
      }
    }
    return hops;
  }

  /** The {@code for=} node of one element of a {@code Forwarded} header (RFC 7239), or "" when it has none. */
  private static String forNode(String element) {
    for (String pair : element.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return address(value);
      }
    }
    return "";
  }

  /** A node without its port: {@code [2001:db8::1]:4711} -> {@code 2001:db8::1}, {@code 192.0.2.1:80} -> {@code 192.0.2.1}. */
  private static String address(String node) {
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      return end < 0 ? node : node.substring(1, end);
    }
    int colon = node.indexOf(':');
    // One colon is an IPv4 address with a port; more make an IPv6 address, which has none outside brackets.
    return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }
}
