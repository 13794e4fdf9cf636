package dev.keypool.upstream;

import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProxyConfig;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;

/**
 * Which proxy, if any, a call to an upstream goes through: the provider's own {@code proxy} when it has
 * one ({@code none} meaning direct), else the global {@code proxy} unless the host is in its
 * {@code no_proxy} list. Every outbound call to a provider asks here: relayed requests, health checks,
 * model lists, balance reads, OAuth token calls and {@code keypool check-upstream}. Built once per process
 * ({@code server/Components}, {@code cli/Offline}).
 */
public final class OutboundProxy {
  public static final OutboundProxy NONE = new OutboundProxy(null);

  private final ProxyConfig global;

  /** @param global the top-level {@code proxy}; null when there is none */
  public OutboundProxy(ProxyConfig global) {
    this.global = global;
  }

  /** The proxy for calls to {@code provider}'s base URL; null for a direct connection. */
  public ProxyOptions options(ProviderConfig provider) {
    return options(provider, provider.baseUrl());
  }

  /**
   * The proxy for a call on behalf of {@code provider} to {@code url}, which may be on another host
   * than its base URL (a balance endpoint, an OAuth token endpoint): the global list of direct hosts is
   * checked against it. A null {@code provider} (one no longer configured) takes the global proxy.
   */
  public ProxyOptions options(ProviderConfig provider, String url) {
    ProxyConfig chosen = provider != null && provider.proxy() != null ? provider.proxy() : global;
    if (chosen == null || chosen.type() == ProxyConfig.Type.DIRECT) {
      return null;
    }
    if (chosen == global && global.bypasses(host(url))) {
      return null;
    }
    ProxyOptions out = new ProxyOptions()
        .setType(chosen.type() == ProxyConfig.Type.HTTP ? ProxyType.HTTP : ProxyType.SOCKS5)
        .setHost(chosen.host())
        .setPort(chosen.port());
    if (chosen.username() != null) {
      out.setUsername(chosen.username());
    }
    if (chosen.password() != null) {
      out.setPassword(chosen.password());
    }
    return out;
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
