package dev.keypool.relay;

import dev.keypool.billing.CostCalculator;
import dev.keypool.billing.PriceTable;
import dev.keypool.config.BillingConfig;
import dev.keypool.keypool.FailureClass;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.usage.TokenEstimator;
import dev.keypool.usage.Usage;
import dev.keypool.usage.UsageSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a finished {@link RelayContext} into its {@link RequestRecord}: how it ended, where it went,
 * the usage (the upstream's own figures when it gave them to the end of the response, otherwise a
 * tokenizer estimate of what was sent and served, marked as such), the cost at the served model's
 * price, and the timings.
 */
public final class RequestRecords {
  private static final int MAX_USER_AGENT = 256;

  private final Clock clock;
  private final PriceTable prices;
  private final BillingConfig billing;
  private final TokenEstimator estimator;

  public RequestRecords(Clock clock, PriceTable prices, BillingConfig billing, TokenEstimator estimator) {
    this.clock = clock;
    this.prices = prices;
    this.billing = billing;
    this.estimator = estimator;
  }

  public RequestRecord build(RelayContext ctx, Throwable unexpected) {
    long now = System.nanoTime();
    Throwable failure = ctx.failure() != null ? ctx.failure() : unexpected;
    List<Attempt> attempts = ctx.attempts();
    Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    boolean aborted = ctx.clientGone();
    int status = aborted && !ctx.responseStarted() ? 499 : ctx.response().getStatusCode();

    String outcome;
    String errorClass = null;
    String errorMessage = null;
    if (failure instanceof ApiException api) {
      errorClass = api.kind().name().toLowerCase(Locale.ROOT);
      errorMessage = api.getMessage();
    } else if (failure != null) {
      errorClass = "internal";
      errorMessage = "internal error (its cause is logged with the request id)";
    } else if (last != null && last.failure() != null) {
      errorClass = last.failure().wireName();
      errorMessage = last.message();
    }
    if (aborted) {
      outcome = "client_abort";
    } else if (errorClass != null || status >= 400) {
      outcome = "error";
    } else {
      outcome = "success";
    }

    Metered metered = usage(ctx, last, aborted);
    String modelServed = last == null ? null : last.upstreamModel();
    String priced = modelServed != null ? modelServed : ctx.route() == null ? null : ctx.route().id();
    long cost = priced == null ? 0 : prices.find(priced).map(p -> CostCalculator.costNanos(metered.usage(), p)).orElse(0L);
    long charged = CostCalculator.chargedNanos(cost, billing.sellMultiplier());

    long latencyNanos = now - ctx.startNanos();
    Long ttft = ctx.firstByteNanos() == 0 ? null : (ctx.firstByteNanos() - ctx.startNanos()) / 1_000_000;
    long overheadMicros = Math.max(0, latencyNanos - ctx.upstreamNanos()) / 1_000;
    Usage u = metered.usage();
    String userAgent = ctx.request().getHeader("user-agent");
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
    var address = ctx.request().remoteAddress();
    return new RequestRecord(ctx.requestId(), ctx.startedAt(), clock.instant(),
        ctx.caller() == null ? null : ctx.caller().id(), ctx.caller() == null ? null : ctx.caller().userId(),
        ctx.callerOrgId(), ctx.endpoint().path(),
        ctx.clientFormat().id().wireName(), ctx.body() == null ? null : ctx.body().model(), modelServed,
        ctx.route() == null ? null : ctx.route().id(), last == null ? null : last.providerId(),
        last == null ? null : last.keyId(), status, outcome, errorClass, errorMessage,
        ctx.body() != null && ctx.body().stream(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
        u.cacheWriteTokens(), u.reasoningTokens(), metered.source().name().toLowerCase(Locale.ROOT), cost, charged,
        latencyNanos / 1_000_000, ttft, overheadMicros, address == null ? null : address.host(), userAgent,
        attemptRecords(attempts));
  }

  private record Metered(Usage usage, UsageSource source) {}

  private Metered usage(RelayContext ctx, Attempt last, boolean aborted) {
    ResponseMeter meter = ctx.meter();
    if (meter != null) {
      Usage reported = meter.usage();
      if (reported != null && meter.complete()) {
        return new Metered(reported, UsageSource.PROVIDER);
      }
      Usage estimate = estimator.estimate(ctx.body().bytes(), meter.servedText());
      if (reported != null) {
        // The upstream's input figures are exact; only the output of a cut-short stream is estimated.
        estimate = new Usage(reported.inputTokens(), Math.max(reported.outputTokens(), estimate.outputTokens()),
            reported.cacheReadTokens(), reported.cacheWriteTokens(), reported.reasoningTokens());
      }
      return new Metered(estimate, UsageSource.ESTIMATED);
    }
    if (aborted && last != null && ctx.body() != null) {
      // The upstream may already have read the prompt when the client went away.
      return new Metered(new Usage(estimator.estimateInput(ctx.body().bytes()), 0, 0, 0, 0), UsageSource.ESTIMATED);
    }
    return new Metered(Usage.ZERO, UsageSource.NONE);
  }

  private static List<AttemptRecord> attemptRecords(List<Attempt> attempts) {
    List<AttemptRecord> out = new ArrayList<>(attempts.size());
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      FailureClass f = a.failure();
      out.add(new AttemptRecord(i + 1, a.providerId(), a.keyId(), a.upstreamModel(), a.status(),
          f == null ? null : f.wireName(), a.message(), a.latencyMillis(), a.bytes(), a.startedAt()));
    }
    return out;
  }

}
