package dev.keypool.relay;

import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * A quick look at whether an upstream response carries any rate-limit or retry header at all. Most
 * responses of many upstreams carry none, and one pass over the few header names is much cheaper than
 * the two dozen lookups a full parse of every known dialect makes.
 */
final class RateLimitHeaderScan {
  private RateLimitHeaderScan() {}

  static boolean present(MultiMap headers) {
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey();
      if (name.regionMatches(true, 0, "x-ratelimit", 0, 11)
          || name.regionMatches(true, 0, "anthropic-ratelimit", 0, 19)
          || name.regionMatches(true, 0, "retry-after", 0, 11)) {
        return true;
      }
    }
    return false;
  }
}
