package dev.keypool.quota;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One limit or quota: at most {@code max} of {@code kind} per {@code period} for the subject
 * {@code (scope, id)}. Concurrency limits have no period (pass {@code null}, or use
 * {@link #concurrent}). Rate limits (per second, per minute) and quotas (per day, per month) are the
 * same thing here; only the period differs.
 */
public record Limit(LimitScope scope, String id, LimitKind kind, Period period, long max) {

  public Limit {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (kind.windowed() && period == null) {
      throw new IllegalArgumentException(kind + " limit needs a period");
    }
    if (!kind.windowed() && period != null) {
      throw new IllegalArgumentException("CONCURRENT limit has no period, got " + period);
    }
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, got " + max);
    }
  }

  public static Limit concurrent(LimitScope scope, String id, long max) {
    return new Limit(scope, id, LimitKind.CONCURRENT, null, max);
  }

  /**
   * The counter this limit shares with every other limit of the same subject, kind and period (two
   * limits that differ only in {@code max} count the same usage).
   */
  public String counterName() {
    return scope + ":" + id + ":" + kind + (period == null ? "" : ":" + period);
  }

  /**
   * Whether this is a quota (an allowance over an hour or longer, of a key, user or org) rather than rate
   * control (per-second and per-minute rates, concurrency, client addresses): what alerts and gauges watch.
   */
  public boolean isQuota() {
    return kind != LimitKind.CONCURRENT && scope != LimitScope.CLIENT_IP && period != null
        && period != Period.SECOND && period != Period.MINUTE && max > 0;
  }

  /** The limit in words, as refusal messages show it: "gateway key gk_1: 60 requests per minute". */
  public String describe() {
    String subject = scope.label() + " " + id + ": ";
    return switch (kind) {
      case REQUESTS -> subject + max + " requests per " + period.label();
      case TOKENS -> subject + max + " tokens per " + period.label();
      case COST_NANOS -> subject + "cost of $" + usd(max) + " per " + period.label();
      case CONCURRENT -> subject + max + " concurrent requests";
    };
  }

  private static String usd(long nanos) {
    BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    return usd.scale() < 2 ? usd.setScale(2).toPlainString() : usd.toPlainString();
  }
}
