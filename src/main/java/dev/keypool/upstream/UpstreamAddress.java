package dev.keypool.upstream;

import java.net.URI;

/**
 * A provider's base URL taken apart once (scheme, host, port, path prefix), so that building an
 * upstream request does not parse a URL on every call.
 */
public record UpstreamAddress(boolean ssl, String host, int port, String pathPrefix) {

  public static UpstreamAddress parse(String baseUrl) {
    URI uri = URI.create(baseUrl);
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return new UpstreamAddress(ssl, uri.getHost(), port, path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
  }
}
