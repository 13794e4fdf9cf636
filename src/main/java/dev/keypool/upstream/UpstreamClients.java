package dev.keypool.upstream;

import dev.keypool.config.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.ProxyOptions;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pooled HTTP client per provider, sized by the provider's {@code max_connections} (the Vert.x
 * default of 5 connections per host would throttle every busy provider). Each relay event loop owns
 * its own instance so connections stay on the loop that uses them.
 *
 * <p>Providers change at run time: a client is built lazily for the provider as the request sees it,
 * and replaced when its base URL, connect timeout or pool size changed. The client of the version
 * before stays open for requests that started before the change (their retries included); the one
 * before that is shut down gracefully, requests still on it finishing up to the provider's total
 * timeout. The usual lookup is one lock-free map read and an identity check.
 */
public final class UpstreamClients implements AutoCloseable {
  private final Vertx vertx;
  private final OutboundProxy proxy;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  /**
   * The client for one version of a provider, its base URL taken apart, and the entry of the version
   * before it (kept open for requests that started before the change).
   */
  private record Entry(ProviderConfig provider, HttpClient client, UpstreamAddress address, Entry previous) {
    boolean sameConnection(ProviderConfig p) {
      return p.baseUrl().equals(provider.baseUrl()) && p.maxConnections() == provider.maxConnections()
          && p.timeouts().connect().equals(provider.timeouts().connect())
          && Objects.equals(p.proxy(), provider.proxy());
    }

    Entry alone() {
      return new Entry(provider, client, address, null);
    }
  }

  public UpstreamClients(Vertx vertx) {
    this(vertx, OutboundProxy.NONE);
  }

  /** @param proxy the proxy each provider's client connects through, if any */
  public UpstreamClients(Vertx vertx, OutboundProxy proxy) {
    this.vertx = vertx;
    this.proxy = proxy;
  }

  public HttpClient client(ProviderConfig provider) {
    return entry(provider).client;
  }

  /** The provider's base URL, parsed once per version of the provider. */
  public UpstreamAddress address(ProviderConfig provider) {
    return entry(provider).address;
  }

  private Entry entry(ProviderConfig provider) {
    Entry e = clients.get(provider.id());
    if (e != null && e.provider == provider) {
      return e;
    }
    if (e != null && e.previous != null && e.previous.provider == provider) {
      return e.previous; // a request that started before the provider changed
    }
    return clients.compute(provider.id(), (id, old) -> {
      if (old != null && old.provider == provider) {
        return old;
      }
      boolean same = old != null && old.sameConnection(provider);
      HttpClient client = same ? old.client : create(provider);
      if (old != null && old.previous != null && old.previous.client != old.client && old.previous.client != client) {
        // Two versions back: requests still on it may finish, up to their total timeout.
        old.previous.client.shutdown(old.previous.provider.timeouts().total());
      }
      return new Entry(provider, client, same ? old.address : UpstreamAddress.parse(provider.baseUrl()),
          old == null ? null : old.alone());
    });
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
    ProxyOptions through = proxy.options(provider);
    if (through != null) {
      options.setProxyOptions(through);
    }
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(provider.maxConnections()).setMaxWaitQueueSize(-1);
    return vertx.httpClientBuilder().with(options).with(pool).build();
  }

  @Override
  public void close() {
    clients.values().forEach(e -> {
      e.client.close();
      if (e.previous != null && e.previous.client != e.client) {
        e.previous.client.close();
      }
    });
    clients.clear();
  }
}
