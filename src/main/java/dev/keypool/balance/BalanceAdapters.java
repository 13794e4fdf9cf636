package dev.keypool.balance;

import dev.keypool.config.BalancesConfig;
import dev.keypool.config.ProviderConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Which adapter reads a provider's balances: the one the balances section names, or for {@code auto}
 * (and providers the section does not list) the one the base URL's host is known for.
 */
public final class BalanceAdapters {
  private final Map<String, BalanceAdapter> byName;

  public BalanceAdapters(Clock clock) {
    OpenRouterBalance openRouter = new OpenRouterBalance(true);
    OpenRouterBalance credits = new OpenRouterBalance(false);
    BalanceAdapter[] all = {openRouter, credits, new DeepSeekBalance(), new MoonshotBalance(), new SiliconFlowBalance(),
        new OpenAiBillingBalance(clock), new DeclarativeBalance()};
    Map<String, BalanceAdapter> m = new java.util.LinkedHashMap<>();
    for (BalanceAdapter a : all) {
      m.put(a.name(), a);
    }
    this.byName = Map.copyOf(m);
  }

  /** The adapter for {@code provider}, or null when its balance cannot be read. */
  public BalanceAdapter forProvider(ProviderConfig provider, BalancesConfig.Provider settings) {
    String name = settings == null ? "auto" : settings.adapter();
    if ("none".equals(name)) {
      return null;
    }
    if ("auto".equals(name)) {
      name = byHost(settings != null && settings.baseUrl() != null ? settings.baseUrl() : provider.baseUrl());
    }
    return name == null ? null : byName.get(name);
  }

  /** The adapter called {@code name}, or null. */
  BalanceAdapter named(String name) {
    return byName.get(name);
  }

  /** The adapter a known host speaks, or null. */
  static String byHost(String baseUrl) {
    String host;
    try {
      host = URI.create(baseUrl).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
    host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (host.equals("openrouter.ai")) {
      return "openrouter";
    }
    if (host.equals("api.deepseek.com")) {
      return "deepseek";
    }
    if (host.equals("api.moonshot.cn") || host.equals("api.moonshot.ai")) {
      return "moonshot";
    }
    if (host.equals("api.siliconflow.cn") || host.equals("api.siliconflow.com")) {
      return "siliconflow";
    }
    return null;
  }
}
