package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DeepSeek: {@code GET {origin}/user/balance} answers {@code is_available} and {@code balance_infos},
 * one entry per currency (CNY, USD) with {@code total_balance}, {@code granted_balance} and
 * {@code topped_up_balance} as strings. Every currency is kept; the granted and topped-up parts are
 * details named by currency.
 */
final class DeepSeekBalance implements BalanceAdapter {
  @Override
  public String name() {
    return "deepseek";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    return http.get(t.origin() + "/user/balance", t.secret()).map(root -> {
      JsonNode infos = root.path("balance_infos");
      if (!infos.isArray()) {
        throw new BalanceException("the answer has no balance_infos");
      }
      List<BalanceAmount> amounts = new ArrayList<>();
      Map<String, BigDecimal> details = new LinkedHashMap<>();
      for (JsonNode info : infos) {
        String currency = info.path("currency").asText("").trim().toUpperCase(Locale.ROOT);
        if (currency.isEmpty()) {
          throw new BalanceException("a balance_infos entry has no currency");
        }
        amounts.add(BalanceAmount.of(currency, Decimals.required(info.path("total_balance"), "total_balance")));
        for (String part : List.of("granted_balance", "topped_up_balance")) {
          BigDecimal v = Decimals.optional(info.path(part), part);
          if (v != null) {
            details.put(part + "_" + currency.toLowerCase(Locale.ROOT), v);
          }
        }
      }
      JsonNode available = root.path("is_available");
      return new Fetched(amounts, available.isBoolean() ? available.asBoolean() : null, details, null);
    });
  }
}
