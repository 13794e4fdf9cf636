package dev.keypool.admin;

import dev.keypool.clientip.ClientAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The client IP of an admin call, resolved once per request through the admin listener's
 * {@code trusted_proxies}: what login throttling counts by and gateway-key IP allow-lists check.
 */
final class AdminClientIp {
  private static final String KEY = "keypool.client_ip";

  private AdminClientIp() {}

  /** Resolves the address first thing, for every route after it. */
  static void mount(Router router, ClientAddress address) {
    router.route().handler(rc -> {
      String ip = address.of(rc.request());
      if (ip != null) {
        rc.put(KEY, ip);
      }
      rc.next();
    });
  }

  /** The client IP, or the peer's when the call came in before the resolver ran; null when unknown. */
  static String of(RoutingContext rc) {
    String ip = rc.get(KEY);
    if (ip != null) {
      return ip;
    }
    var peer = rc.request().remoteAddress();
    return peer == null ? null : peer.host();
  }
}
