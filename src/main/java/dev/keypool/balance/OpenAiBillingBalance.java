package dev.keypool.balance;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI-style billing endpoints that resellers (one-api, new-api and their kin) still serve:
 * {@code GET {base}/dashboard/billing/subscription} gives {@code hard_limit_usd}, and
 * {@code GET {base}/dashboard/billing/usage?start_date=&end_date=} gives {@code total_usage} in cents;
 * what is left is the limit minus the usage. Dollars unless the section's {@code currency} says otherwise
 * (some resellers bill in yuan through the same fields).
 */
final class OpenAiBillingBalance implements BalanceAdapter {
  /** OpenAI refused usage ranges over 100 days; resellers ignore the range. */
  private static final int USAGE_DAYS = 99;
  private static final BigDecimal CENTS = BigDecimal.valueOf(100);

  private final Clock clock;

  OpenAiBillingBalance(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "openai_billing";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String usageUrl = t.baseUrl() + "/dashboard/billing/usage?start_date=" + today.minusDays(USAGE_DAYS)
        + "&end_date=" + today.plusDays(1);
    return http.get(t.baseUrl() + "/dashboard/billing/subscription", t.secret())
        .map(sub -> Decimals.required(sub.path("hard_limit_usd"), "hard_limit_usd"))
        .compose(limit -> http.get(usageUrl, t.secret()).map(usage -> {
          BigDecimal used = Decimals.required(usage.path("total_usage"), "total_usage").divide(CENTS);
          BalanceAmount a = new BalanceAmount(t.currencyOr("USD"), limit.subtract(used), limit, used);
          return new Fetched(List.of(a), null, Map.of(), null);
        }));
  }
}
