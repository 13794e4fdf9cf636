package dev.keypool.upstream;

import dev.keypool.config.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pooled HTTP client per provider, sized by the provider's {@code max_connections} (the Vert.x
 * default of 5 connections per host would throttle every busy provider). Each relay event loop owns
 * its own instance so connections stay on the loop that uses them.
 */
public final class UpstreamClients implements AutoCloseable {
  private final Vertx vertx;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, UpstreamAddress> addresses = new ConcurrentHashMap<>();

  public UpstreamClients(Vertx vertx) {
    this.vertx = vertx;
  }

  public HttpClient client(ProviderConfig provider) {
    HttpClient client = clients.get(provider.id());
    return client != null ? client : clients.computeIfAbsent(provider.id(), k -> create(provider));
  }

  /** The provider's base URL, parsed once. */
  public UpstreamAddress address(ProviderConfig provider) {
    UpstreamAddress a = addresses.get(provider.id());
    return a != null ? a : addresses.computeIfAbsent(provider.id(), k -> UpstreamAddress.parse(provider.baseUrl()));
  }

  private HttpClient create(ProviderConfig provider) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) provider.timeouts().connect().toMillis())
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        .setMaxInitialLineLength(16 * 1024)
        .setMaxHeaderSize(64 * 1024);
    if (provider.baseUrl().startsWith("https:")) {
      options.setSsl(true).setUseAlpn(false).setTrustAll(false).setVerifyHost(true);
    }
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(provider.maxConnections()).setMaxWaitQueueSize(-1);
    return vertx.httpClientBuilder().with(options).with(pool).build();
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClient::close);
    clients.clear();
  }
}
