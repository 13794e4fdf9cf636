package dev.keypool.config;

import java.util.List;
import java.util.Locale;

/**
 * A proxy for calls to upstreams ({@code proxy} at the top level for every provider, or one provider's
 * {@code proxy}): an HTTP proxy (plain {@code http://} upstreams are sent through it in absolute form,
 * {@code https://} ones tunnelled with {@code CONNECT}) or a SOCKS5 proxy, with optional credentials.
 * {@link #DIRECT} is "no proxy", which lets one provider opt out of the global one.
 *
 * @param noProxy hosts reached directly (global proxy only): a host name or IP matches itself, and
 *     {@code .example.com} or {@code *.example.com} matches every name under it
 */
public record ProxyConfig(Type type, String host, int port, String username, String password, List<String> noProxy) {
  public static final ProxyConfig DIRECT = new ProxyConfig(Type.DIRECT, null, 0, null, null, List.of());

  public ProxyConfig {
    noProxy = List.copyOf(noProxy);
  }

  /** The kinds of proxy. */
  public enum Type {
    DIRECT,
    HTTP,
    SOCKS5
  }

  /** Whether {@code host} is one the proxy is not used for. */
  public boolean bypasses(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String entry : noProxy) {
      String e = entry.toLowerCase(Locale.ROOT);
      if (e.equals("*") || e.equals(h)) {
        return true;
      }
      String suffix = e.startsWith("*.") ? e.substring(1) : e.startsWith(".") ? e : null;
      if (suffix != null && (h.endsWith(suffix) || h.equals(suffix.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  /** The proxy's URL with its password masked, for logs and settings. */
  public String display() {
    if (type == Type.DIRECT) {
      return "none";
    }
    String scheme = type == Type.HTTP ? "http" : "socks5";
    String user = username == null ? "" : username + (password == null ? "" : ":****") + "@";
    return scheme + "://" + user + host + ":" + port;
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "ProxyConfig[" + display() + ", noProxy=" + noProxy + "]";
  }
}
