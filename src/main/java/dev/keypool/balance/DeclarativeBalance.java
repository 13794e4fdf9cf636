package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.BalancesConfig;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The adapter for every other provider, described in the configuration: a request ({@code url},
 * {@code method}, {@code headers}, {@code body}, with {@code {key}} standing for the key's secret; with
 * no headers the key goes as {@code Authorization: Bearer}) and JSON paths to the amount and optionally
 * the currency, total and used figures, each divided by {@code divisor}.
 */
final class DeclarativeBalance implements BalanceAdapter {
  private static final String KEY = "{key}";

  @Override
  public String name() {
    return "custom";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    BalancesConfig.Custom c = t.settings().custom();
    String url = (c.url().startsWith("/") ? t.baseUrl() + c.url() : c.url()).replace(KEY, t.secret());
    Map<String, String> headers = new LinkedHashMap<>();
    if (c.headers().isEmpty()) {
      headers.put("authorization", "Bearer " + t.secret());
    }
    c.headers().forEach((name, value) -> headers.put(name, value.replace(KEY, t.secret())));
    String body = c.body() == null ? null : c.body().replace(KEY, t.secret());
    return http.call(c.method(), url, headers, body, t.secret()).map(root -> {
      BigDecimal amount = scaled(Decimals.required(JsonPaths.at(root, c.amount()), c.amount()), c);
      String currency = t.currencyOr("USD");
      if (c.currencyPath() != null) {
        JsonNode cur = JsonPaths.at(root, c.currencyPath());
        if (cur.isTextual() && !cur.asText().isBlank()) {
          currency = cur.asText().trim().toUpperCase(Locale.ROOT);
        }
      }
      BigDecimal total = c.total() == null ? null : scaled(Decimals.optional(JsonPaths.at(root, c.total()), c.total()), c);
      BigDecimal used = c.used() == null ? null : scaled(Decimals.optional(JsonPaths.at(root, c.used()), c.used()), c);
      return new Fetched(List.of(new BalanceAmount(currency, amount, total, used)), null, Map.of(), null);
    });
  }

  private static BigDecimal scaled(BigDecimal n, BalancesConfig.Custom c) {
    if (n == null || c.divisor() == null || c.divisor().compareTo(BigDecimal.ONE) == 0) {
      return n;
    }
    return Decimals.plain(n.divide(c.divisor(), MathContext.DECIMAL64));
  }
}
