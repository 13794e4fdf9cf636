package dev.keypool.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Binds and validates the {@code balances} section. */
final class BalancesBinder {

  /** The adapters a provider may name; {@code auto} picks one by the base URL's host. */
  static final List<String> ADAPTERS = List.of("auto", "openrouter", "openrouter_credits", "deepseek", "moonshot",
      "siliconflow", "openai_billing", "custom", "none");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern JSON_PATH = Pattern.compile("\\$?\\.?[A-Za-z0-9_-]+(\\[[0-9]+])*(\\.[A-Za-z0-9_-]+(\\[[0-9]+])*)*");

  private BalancesBinder() {}

  static BalancesConfig bind(FieldReader r) {
    BalancesConfig d = BalancesConfig.defaults();
    boolean enabled = r.bool("enabled", d.enabled());
    Duration interval = r.duration("interval", d.interval(), false);
    BigDecimal jitter = r.decimal("jitter", BigDecimal.valueOf(d.jitter()), "a fraction of the interval, 0..1");
    if (jitter != null && jitter.compareTo(BigDecimal.ONE) > 0) {
      r.errors().add(r.path("jitter"), "must be at most 1 (a fraction of the interval)");
    }
    int concurrency = r.integer("concurrency", d.concurrency(), 1, 1000);
    Duration timeout = r.duration("timeout", d.timeout(), false);
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    for (var e : r.values("exchange_rates").entrySet()) {
      String currency = e.getKey().toUpperCase(Locale.ROOT);
      String path = ConfigPaths.field(r.path("exchange_rates"), e.getKey());
      if (!CURRENCY.matcher(currency).matches()) {
        r.errors().add(path, "not a currency code (e.g. CNY)");
      }
      BigDecimal rate = rate(String.valueOf(e.getValue()));
      if (rate == null) {
        r.errors().add(path, "must be a number > 0: US dollars per unit of the currency");
      } else {
        rates.put(currency, rate);
      }
    }
    Map<String, BalancesConfig.Provider> providers = new LinkedHashMap<>();
    for (var e : r.entries("providers").entrySet()) {
      providers.put(e.getKey(), provider(e.getValue()));
    }
    Duration retention = r.duration("history_retention", d.historyRetention(), true);
    r.finish();
    return new BalancesConfig(enabled, interval, jitter == null ? d.jitter() : jitter.doubleValue(), concurrency,
        timeout, rates, providers, retention);
  }

  private static BigDecimal rate(String text) {
    try {
      BigDecimal rate = new BigDecimal(text.trim());
      return rate.signum() > 0 ? rate : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BalancesConfig.Provider provider(FieldReader r) {
    String adapter = r.string("adapter", "auto").trim().toLowerCase(Locale.ROOT);
    if (!ADAPTERS.contains(adapter)) {
      r.errors().add(r.path("adapter"), "must be one of " + String.join(", ", ADAPTERS) + " (was \"" + adapter + "\")");
    }
    String baseUrl = r.string("base_url", "").trim().replaceAll("/+$", "");
    if (!baseUrl.isEmpty()) {
      checkUrl(r, "base_url", baseUrl);
    }
    Duration interval = r.duration("interval", null, false);
    BigDecimal minBalance = r.has("min_balance") ? r.decimal("min_balance", BigDecimal.ZERO, "") : null;
    String currency = r.string("currency", "").trim().toUpperCase(Locale.ROOT);
    if (!currency.isEmpty() && !CURRENCY.matcher(currency).matches()) {
      r.errors().add(r.path("currency"), "not a currency code (e.g. USD, CNY)");
    }
    BalancesConfig.Custom custom = null;
    if (r.has("request") || "custom".equals(adapter)) {
      custom = custom(r);
      if (!"custom".equals(adapter)) {
        r.errors().add(r.path("request"), "only for adapter: custom");
      }
    }
    r.finish();
    return new BalancesConfig.Provider(adapter, baseUrl.isEmpty() ? null : baseUrl, interval, minBalance,
        currency.isEmpty() ? null : currency, custom);
  }

  private static BalancesConfig.Custom custom(FieldReader provider) {
    FieldReader req = provider.object("request");
    String url = req.string("url", "").trim();
    if (url.isEmpty()) {
      req.errors().add(req.path("url"), "required (an http(s) URL, or a path under the provider's base URL)");
    } else if (!url.startsWith("/")) {
      checkUrl(req, "url", url.replace("{key}", "key"));
    }
    String method = req.string("method", "GET").trim().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("POST")) {
      req.errors().add(req.path("method"), "must be GET or POST");
    }
    Map<String, String> headers = req.stringMap("headers");
    String body = req.string("body", null);
    req.finish();
    String amount = path(provider, "amount", true);
    BigDecimal divisor = provider.decimal("divisor", BigDecimal.ONE, "");
    if (divisor != null && divisor.signum() == 0) {
      provider.errors().add(provider.path("divisor"), "must be greater than 0");
      divisor = BigDecimal.ONE;
    }
    return new BalancesConfig.Custom(url, method, headers, body, amount, path(provider, "currency_path", false),
        path(provider, "total", false), path(provider, "used", false), divisor);
  }

  private static String path(FieldReader r, String name, boolean required) {
    String p = r.string(name, "").trim();
    if (p.isEmpty()) {
      if (required) {
        r.errors().add(r.path(name), "required (a JSON path such as data.balance or items[0].amount)");
      }
      return null;
    }
    if (!JSON_PATH.matcher(p).matches()) {
      r.errors().add(r.path(name), "not a JSON path such as data.balance or items[0].amount (was \"" + p + "\")");
    }
    return p;
  }

  private static void checkUrl(FieldReader r, String name, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
        r.errors().add(r.path(name), "must be an http or https URL with a host and no credentials");
      }
    } catch (URISyntaxException e) {
      r.errors().add(r.path(name), "not a URL (" + e.getReason() + ")");
    }
  }
}
