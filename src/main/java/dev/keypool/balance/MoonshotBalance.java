package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moonshot (Kimi): {@code GET {base}/users/me/balance} answers {@code data.available_balance} (cash plus
 * vouchers; at or below zero no call is served), {@code voucher_balance} and {@code cash_balance}
 * (negative when the account owes money). The currency is not in the answer: the {@code .cn} platform
 * bills in yuan, the international one ({@code .ai}) in dollars.
 */
final class MoonshotBalance implements BalanceAdapter {
  @Override
  public String name() {
    return "moonshot";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    return http.get(t.baseUrl() + "/users/me/balance", t.secret()).map(root -> {
      if (root.path("code").isNumber() && root.path("code").asInt() != 0) {
        throw new BalanceException("the answer says code " + root.path("code").asInt() + ": " + BalanceHttp.message(root));
      }
      JsonNode data = root.path("data");
      BigDecimal available = Decimals.required(data.path("available_balance"), "data.available_balance");
      Map<String, BigDecimal> details = new LinkedHashMap<>();
      for (String part : List.of("voucher_balance", "cash_balance")) {
        BigDecimal v = Decimals.optional(data.path(part), part);
        if (v != null) {
          details.put(part, v);
        }
      }
      return new Fetched(List.of(BalanceAmount.of(t.currencyByHost(), available)), available.signum() > 0, details, null);
    });
  }
}
