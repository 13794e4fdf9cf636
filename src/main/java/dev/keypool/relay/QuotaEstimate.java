package dev.keypool.relay;

import dev.keypool.billing.CostCalculator;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceTable;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.provider.openai.OpenAiCompletions;
import dev.keypool.usage.Usage;
import java.math.BigDecimal;

/**
 * What a request is reserved at before it goes upstream, computed without tokenizing: input tokens
 * from the body's length (about 4 bytes a token; JSON syntax makes it an over-estimate, which errs on
 * the safe side), plus the client's output cap. The estimate is corrected to the real usage at settle.
 *
 * @param tokens input plus output tokens, for token limits
 * @param chargedNanos the caller's price of those tokens, for cost limits
 * @param balanceNanos the caller's price with the worst-case output, for prepaid balances
 */
public record QuotaEstimate(long tokens, long chargedNanos, long balanceNanos) {
  /** Output assumed for token and cost limits when the client sets no cap. */
  public static final long DEFAULT_OUTPUT_TOKENS = 1024;
  /** Output assumed for a prepaid balance when the client sets no cap: larger, as a balance must not be overspent. */
  public static final long BALANCE_OUTPUT_TOKENS = 4096;
  private static final int BYTES_PER_TOKEN = 4;

  public static QuotaEstimate of(RequestBody body, Endpoint endpoint, ModelRouteConfig route, PriceTable prices,
      BigDecimal sellMultiplier) {
    return of(body, endpoint, route, prices, sellMultiplier, null);
  }

  /**
   * The estimate with the client's output cap as the route's first candidate will send it: lowered to
   * that model's output limit when the route clamps (a route that rejects refuses such a request anyway).
   */
  public static QuotaEstimate of(RequestBody body, Endpoint endpoint, ModelRouteConfig route, PriceTable prices,
      BigDecimal sellMultiplier, ModelLimitCatalog limits) {
    long input = tokensBySize(body.size());
    long cap = body.maxOutputTokens();
    if (limits != null && cap > 0) {
      long limit = limits.maxOutputTokens(firstModel(route));
      cap = limit > 0 ? Math.min(cap, limit) : cap;
    }
    if (cap < 0 && endpoint == Endpoint.COMPLETIONS) {
      cap = OpenAiCompletions.DEFAULT_MAX_TOKENS; // the legacy API's own default bounds the answer
    }
    long output = cap >= 0 ? cap : DEFAULT_OUTPUT_TOKENS;
    long balanceOutput = cap >= 0 ? cap : BALANCE_OUTPUT_TOKENS;
    Price price = price(route, prices);
    return new QuotaEstimate(input + output, charged(input, output, price, sellMultiplier),
        charged(input, balanceOutput, price, sellMultiplier));
  }

  /**
   * Tokens counted from a size alone, in bytes or characters: about 4 a token, rounded up. An
   * over-estimate for JSON (its syntax counts too), which errs on the safe side.
   */
  public static long tokensBySize(long size) {
    return (size + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
  }

  /** The price of the route's first candidate, which serves the request unless it fails over. */
  private static Price price(ModelRouteConfig route, PriceTable prices) {
    return prices.find(firstModel(route)).or(() -> prices.find(route.id())).orElse(null);
  }

  private static String firstModel(ModelRouteConfig route) {
    return route.candidates().isEmpty() ? route.id() : route.candidates().get(0).model();
  }

  private static long charged(long input, long output, Price price, BigDecimal multiplier) {
    if (price == null) {
      return 0;
    }
    return CostCalculator.chargedNanos(CostCalculator.costNanos(new Usage(input, output, 0, 0, 0), price), multiplier);
  }
}
