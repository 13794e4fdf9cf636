package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenRouter, in US dollars. Per key, {@code GET {base}/key} gives the key's {@code limit},
 * {@code limit_remaining} and its {@code usage} (all time, daily, weekly, monthly); a key with a limit
 * has {@code limit_remaining} left. A key without a limit spends the account's credits:
 * {@code GET {base}/credits} gives {@code total_credits} minus {@code total_usage}, but only to a
 * management key; when it refuses, the reading keeps the key's usage and says the amount is unknown.
 * The {@code openrouter_credits} variant reads the account's credits only.
 */
final class OpenRouterBalance implements BalanceAdapter {
  private final boolean perKey;

  OpenRouterBalance(boolean perKey) {
    this.perKey = perKey;
  }

  @Override
  public String name() {
    return perKey ? "openrouter" : "openrouter_credits";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    if (!perKey) {
      return credits(t, http).map(Fetched::of);
    }
    return http.get(t.baseUrl() + "/key", t.secret()).compose(root -> {
      JsonNode data = root.path("data");
      Map<String, BigDecimal> details = new LinkedHashMap<>();
      for (String f : List.of("usage", "usage_daily", "usage_weekly", "usage_monthly")) {
        BigDecimal v = Decimals.optional(data.path(f), f);
        if (v != null) {
          details.put(f, v);
        }
      }
      BigDecimal limit = Decimals.optional(data.path("limit"), "limit");
      BigDecimal remaining = Decimals.optional(data.path("limit_remaining"), "limit_remaining");
      if (remaining != null) {
        BalanceAmount a = new BalanceAmount("USD", remaining, limit, details.get("usage"));
        return Future.succeededFuture(new Fetched(List.of(a), null, details, null));
      }
      return credits(t, http)
          .map(a -> new Fetched(List.of(a), null, details, "the key has no limit of its own: the account's credits"))
          .recover(e -> Future.succeededFuture(new Fetched(List.of(), null, details,
              "the key has no limit and cannot read the account's credits (" + e.getMessage() + ")")));
    });
  }

  private static Future<BalanceAmount> credits(BalanceTarget t, BalanceHttp http) {
    return http.get(t.baseUrl() + "/credits", t.secret()).map(root -> {
      JsonNode data = root.path("data");
      BigDecimal total = Decimals.required(data.path("total_credits"), "data.total_credits");
      BigDecimal used = Decimals.required(data.path("total_usage"), "data.total_usage");
      return new BalanceAmount("USD", total.subtract(used), total, used);
    });
  }
}
