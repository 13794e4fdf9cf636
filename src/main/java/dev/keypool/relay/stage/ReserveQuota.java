package dev.keypool.relay.stage;

import dev.keypool.billing.PriceTable;
import dev.keypool.billing.SellMultiplier;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.quota.Amount;
import dev.keypool.quota.BalanceHolds;
import dev.keypool.quota.Decision;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.Reservation;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.QuotaEstimate;
import dev.keypool.relay.QuotaGate;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import dev.keypool.tracking.RequestRecord;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Holds the request to its quotas, rate limits and prepaid balance before it goes upstream: reserves
 * an estimate against every limit (all or none) and, for a prepaid user, against the balance left
 * after the estimates of the user's requests in flight. A refusal is a 429 naming the limit (402 for
 * the balance) and the request never reaches the upstream. An admitted request leaves a
 * {@link dev.keypool.relay.Settlement} on the context, which {@code RecordRequest} runs with the
 * request's record: settled to its real tokens and charge, or released when no upstream usage arose.
 */
public final class ReserveQuota implements Stage {
  private final GatewayMetrics metrics;
  private final QuotaGate gate;
  private final PriceTable prices;
  private final SellMultiplier multipliers;
  private final ModelLimitCatalog modelLimits;

  /**
   * @param multipliers what each caller pays per USD of cost: estimates are at the caller's own price
   * @param modelLimits the model limits: a cap the route will clamp is reserved at the clamped value
   * @param metrics where refusals are counted
   */
  public ReserveQuota(QuotaGate gate, PriceTable prices, SellMultiplier multipliers, ModelLimitCatalog modelLimits,
      GatewayMetrics metrics) {
    this.metrics = metrics;
    this.gate = gate;
    this.modelLimits = modelLimits;
    this.prices = prices;
    this.multipliers = multipliers;
  }

  /** What was taken for one admitted request. */
  private record Admission(Reservation reservation, BalanceHolds.Hold hold, ApiException refusal) {}

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    GatewayKey key = ctx.caller();
    LimitResolver resolver = gate.resolver();
    List<Limit> limits = resolver.limits(key, ctx.clientIp());
    String userId = prepaidOwner(resolver, key);
    if (limits.isEmpty() && userId == null) {
      return chain.proceed(ctx);
    }
    QuotaEstimate estimate = QuotaEstimate.of(ctx.body(), ctx.endpoint(), ctx.route(), prices,
        multipliers.forUser(key.userId()), modelLimits);
    Future<Admission> admitted = gate.asynchronous()
        ? admitAsync(limits, userId, estimate)
        : gate.call(() -> admit(limits, userId, estimate));
    return admitted.compose(admission -> {
      if (admission.refusal() != null) {
        return Future.failedFuture(admission.refusal());
      }
      ctx.settlement(record -> settle(admission, record));
      return chain.proceed(ctx);
    });
  }

  /**
   * The key's owner when a prepaid balance may have to be held for it; null for no owner, or for one
   * known from memory to spend without a balance (there is then nothing to hold or settle).
   */
  private String prepaidOwner(LimitResolver resolver, GatewayKey key) {
    if (!gate.balances().enabled()) {
      return null;
    }
    String userId = resolver.forKey(key).owner().userId();
    return userId != null && !gate.balances().blocks() && !gate.balances().prepaid(userId) ? null : userId;
  }

  /** Runs inline or on a virtual thread (QuotaGate); limits first, then the balance. */
  private Admission admit(List<Limit> limits, String userId, QuotaEstimate estimate) {
    Decision decision = limits.isEmpty() ? null : gate.engine().reserve(limits, amount(estimate));
    return afterLimits(decision, userId, estimate, gate.engine()::release);
  }

  /** The same from the event loop, for an asynchronous gate: the engine answers without blocking it. */
  private Future<Admission> admitAsync(List<Limit> limits, String userId, QuotaEstimate estimate) {
    Future<Decision> decided = limits.isEmpty() ? Future.succeededFuture() : gate.reserve(limits, amount(estimate));
    return decided.map(decision -> afterLimits(decision, userId, estimate, r -> gate.settle(r, null)));
  }

  private static Amount amount(QuotaEstimate estimate) {
    return Amount.ofRequest(estimate.tokens(), estimate.chargedNanos());
  }

  /**
   * The admission once the limits decided ({@code decision} null when there were none): a refusal, or
   * the balance hold; a reservation the balance then refuses is given back through {@code release}.
   */
  private Admission afterLimits(Decision decision, String userId, QuotaEstimate estimate,
      Consumer<Reservation> release) {
    Reservation reservation = null;
    if (decision instanceof Decision.Refused refused) {
      Limit limit = refused.limit();
      metrics.quotaRefused(limit.scope().name().toLowerCase(Locale.ROOT),
          limit.kind().name().toLowerCase(Locale.ROOT), limit.period() == null ? "none" : limit.period().label());
      return new Admission(null, null, new ApiException(ErrorKind.RATE_LIMITED, null, refused.message(),
          refused.retryAfter().orElse(null)));
    }
    if (decision instanceof Decision.Admitted admitted) {
      reservation = admitted.reservation();
    }
    BalanceHolds.Result held = gate.balances().hold(userId, estimate.balanceNanos());
    if (held instanceof BalanceHolds.Insufficient insufficient) {
      metrics.quotaRefused("prepaid_balance", "cost_nanos", "none");
      if (reservation != null) {
        release.accept(reservation);
      }
      return new Admission(null, null, new ApiException(ErrorKind.PAYMENT_REQUIRED, null,
          insufficientMessage(insufficient), null));
    }
    BalanceHolds.Hold hold = held instanceof BalanceHolds.Held h ? h.hold() : null;
    return new Admission(reservation, hold, null);
  }

  private void settle(Admission admission, RequestRecord record) {
    // No usage source: nothing reached (or was read from) an upstream, so the request costs nothing
    // and is taken back entirely, its request count included.
    boolean used = !"none".equals(record.usageSource());
    long tokens = record.inputTokens() + record.outputTokens() + record.cacheReadTokens() + record.cacheWriteTokens();
    Amount actual = used ? Amount.ofRequest(tokens, record.chargedNanos()) : null;
    if (gate.asynchronous()) {
      // The balances answer from memory here: only the engine's adjustment goes out, without waiting.
      if (admission.reservation() != null) {
        gate.settle(admission.reservation(), actual);
      }
      settleBalance(admission, record, used);
      return;
    }
    gate.fire(() -> {
      Reservation r = admission.reservation();
      if (r != null) {
        if (used) {
          gate.engine().settle(r, actual);
        } else {
          gate.engine().release(r);
        }
      }
      settleBalance(admission, record, used);
    });
  }

  private void settleBalance(Admission admission, RequestRecord record, boolean used) {
    if (admission.hold() != null) {
      gate.balances().settle(admission.hold(), used ? record.chargedNanos() : 0, record.id());
    }
  }

  private static String insufficientMessage(BalanceHolds.Insufficient i) {
    return String.format(Locale.ROOT, "Insufficient balance: this request may cost up to $%s, and $%s of the "
        + "balance of $%s is left after the requests in flight. Top up the balance or lower max_tokens.",
        usd(i.estimateNanos()), usd(Math.max(0, i.availableNanos() - i.heldNanos())), usd(i.availableNanos()));
  }

  private static String usd(long nanos) {
    return BigDecimal.valueOf(nanos, 9).setScale(6, java.math.RoundingMode.UP).stripTrailingZeros().toPlainString();
  }
}
