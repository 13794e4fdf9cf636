package dev.keypool.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Binds proxies: the top-level {@code proxy} section ({@code url}, {@code no_proxy}) and a provider's
 * {@code proxy} field (a URL, or {@code none} to go direct whatever the global proxy). A URL is
 * {@code http://[user:password@]host[:port]} (port 80 by default) or
 * {@code socks5://[user:password@]host[:port]} (1080); {@code socks5h} is accepted as a synonym, since
 * host names are always resolved by the SOCKS proxy.
 */
final class ProxyBinder {
  private static final String FORM = "http://[user:password@]host[:port] or socks5://[user:password@]host[:port]";

  private ProxyBinder() {}

  /** The top-level section; null when absent. */
  static ProxyConfig global(FieldReader r) {
    String url = r.string("url", "").trim();
    List<String> noProxy = r.strings("no_proxy", List.of());
    r.finish();
    if (url.isEmpty() || url.equalsIgnoreCase("none")) {
      return null;
    }
    ProxyConfig p = parse(url, r, "url");
    return p == null ? null : new ProxyConfig(p.type(), p.host(), p.port(), p.username(), p.password(), noProxy);
  }

  /** A provider's field: null when absent (the global proxy applies), {@link ProxyConfig#DIRECT} for {@code none}. */
  static ProxyConfig provider(FieldReader provider) {
    if (!provider.has("proxy")) {
      return null;
    }
    String url = provider.string("proxy", "").trim();
    if (url.equalsIgnoreCase("none") || url.isEmpty()) {
      return ProxyConfig.DIRECT;
    }
    return parse(url, provider, "proxy");
  }

  private static ProxyConfig parse(String url, FieldReader r, String field) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      r.errors().add(r.path(field), "not a proxy URL (" + e.getReason() + "); expected " + FORM);
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    ProxyConfig.Type type = switch (scheme) {
      case "http" -> ProxyConfig.Type.HTTP;
      case "socks5", "socks5h" -> ProxyConfig.Type.SOCKS5;
      default -> null;
    };
    boolean extra = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null;
    if (type == null || uri.getHost() == null || extra) {
      r.errors().add(r.path(field), "must be " + FORM + " (was a URL with "
          + (type == null ? "scheme \"" + scheme + "\"" : uri.getHost() == null ? "no host" : "a path or query") + ")");
      return null;
    }
    int port = uri.getPort() > 0 ? uri.getPort() : type == ProxyConfig.Type.HTTP ? 80 : 1080;
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    return new ProxyConfig(type, uri.getHost(), port, user, password, List.of());
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
