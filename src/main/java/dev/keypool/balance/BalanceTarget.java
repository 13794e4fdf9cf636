package dev.keypool.balance;

import dev.keypool.config.BalancesConfig;
import java.net.URI;
import java.util.Locale;

/**
 * The key whose balance is read and where: {@code baseUrl} is the balance section's {@code base_url}
 * for the provider, or else the provider's own base URL (e.g. {@code https://openrouter.ai/api/v1}).
 *
 * @param settings the provider's entry in the balances section, or null
 */
public record BalanceTarget(String keyId, String providerId, String baseUrl, String secret,
    BalancesConfig.Provider settings) {

  /** Scheme, host and port of the base URL: DeepSeek's balance lives at the host's root, not under /v1. */
  String origin() {
    URI uri = URI.create(baseUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** The base URL's host, lower case. */
  String host() {
    String host = URI.create(baseUrl).getHost();
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  /**
   * The currency of a provider that serves mainland China from a {@code .cn} host in yuan and the rest of
   * the world from another in dollars (Moonshot, SiliconFlow); the section's {@code currency} wins.
   */
  String currencyByHost() {
    if (settings != null && settings.currency() != null) {
      return settings.currency();
    }
    return host().endsWith(".cn") ? "CNY" : "USD";
  }

  /** The section's {@code currency}, or {@code def}. */
  String currencyOr(String def) {
    return settings != null && settings.currency() != null ? settings.currency() : def;
  }

  @Override
  public String toString() {
    return "BalanceTarget[key=" + keyId + ", provider=" + providerId + ", baseUrl=" + baseUrl + "]";
  }
}
