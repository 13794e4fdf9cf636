package dev.keypool.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code balances} section: how provider keys' balances are read and refreshed.
 *
 * @param enabled whether balances are refreshed on a schedule (on-demand refreshes work either way)
 * @param interval how often each key's balance is read, unless its provider says otherwise
 * @param jitter a fraction of the interval (0..1) by which each key's next reading is spread, so keys
 *     added at once are not read at once
 * @param concurrency how many balance requests may be in flight at once, over all providers
 * @param timeout the bound of one balance request (connect to last byte)
 * @param exchangeRates how many US dollars one unit of each currency is worth, for totals and days left
 *     across currencies; a currency without a rate is never converted
 * @param providers per provider id: its adapter, interval and policy; a provider not listed uses the
 *     adapter its base URL's host is known for, if any
 * @param historyRetention readings older than this are deleted (each key's latest ones stay); zero keeps all
 */
public record BalancesConfig(
    boolean enabled,
    Duration interval,
    double jitter,
    int concurrency,
    Duration timeout,
    Map<String, BigDecimal> exchangeRates,
    Map<String, Provider> providers,
    Duration historyRetention) {

  public BalancesConfig {
    exchangeRates = Map.copyOf(exchangeRates);
    providers = Map.copyOf(providers);
  }

  /** The defaults: scheduled every 30 minutes, 4 at once, no exchange rates, adapters by host. */
  public static BalancesConfig defaults() {
    return new BalancesConfig(true, ConfigDefaults.BALANCE_INTERVAL, ConfigDefaults.BALANCE_JITTER,
        ConfigDefaults.BALANCE_CONCURRENCY, ConfigDefaults.BALANCE_TIMEOUT, Map.of(), Map.of(),
        ConfigDefaults.BALANCE_HISTORY_RETENTION);
  }

  /** What the section says about {@code providerId}, or null. */
  public Provider provider(String providerId) {
    return providers.get(providerId);
  }

  /**
   * One provider's balance settings.
   *
   * @param adapter {@code auto} (by the base URL's host), a known adapter's name, {@code custom} or {@code none}
   * @param baseUrl where the balance endpoints live, when not under the provider's own base URL; null for that
   * @param interval null for the section's
   * @param minBalance null for no policy; otherwise a key whose every balance is at or below it (in the
   *     balance's own currency) is taken out of rotation until a reading shows more
   * @param currency the currency of amounts an adapter cannot tell (custom, openai_billing); null for USD
   * @param custom the declarative adapter's request and JSON paths; null unless {@code adapter} is custom
   */
  public record Provider(String adapter, String baseUrl, Duration interval, BigDecimal minBalance, String currency,
      Custom custom) {}

  /**
   * A declarative balance request: {@code url} (absolute, or a path under the provider's base URL),
   * {@code method}, {@code headers} and {@code body} with {@code {key}} standing for the key's secret,
   * and JSON paths ({@code data.balance}, {@code items[0].amount}) to the amount and, optionally, the
   * currency, total and used figures; {@code divisor} scales the figures (e.g. 100 for cents).
   */
  public record Custom(String url, String method, Map<String, String> headers, String body, String amount,
      String currencyPath, String total, String used, BigDecimal divisor) {

    public Custom {
      headers = Map.copyOf(headers);
    }

    /** Header names only: a header carries the key. */
    @Override
    public String toString() {
      return "Custom[url=" + url + ", method=" + method + ", headers=" + headers.keySet() + ", amount=" + amount + "]";
    }
  }
}
