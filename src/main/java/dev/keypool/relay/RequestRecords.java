package dev.keypool.relay;

import dev.keypool.billing.CostCalculator;
import dev.keypool.billing.PriceTable;
import dev.keypool.billing.SellMultiplier;
import dev.keypool.keypool.FailureClass;
import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.usage.TokenEstimator;
import dev.keypool.usage.Usage;
import dev.keypool.usage.UsageSource;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished {@link RelayContext} into its {@link RequestRecord}: how it ended, where it went,
 * the usage (the upstream's own figures when it gave them to the end of the response, otherwise a
 * tokenizer estimate of what was sent and served, marked as such), the cost at the served model's
 * price, and the timings.
 *
 * <p>An estimate does bounded work: the served text was counted as it streamed ({@link ResponseMeter}),
 * and the request body is estimated by {@link InputEstimates}, off the event loop when it is large.
 * When an estimate fails, the usage falls back to sizes (four bytes or chars a token) and the record's
 * error message says so.
 */
public final class RequestRecords {
  private static final Logger log = LoggerFactory.getLogger(RequestRecords.class);
  private static final int MAX_USER_AGENT = 256;
  /** How long a record waits for the estimate of a large body before it falls back to its size. */
  private static final Duration ESTIMATE_DEADLINE = Duration.ofSeconds(10);

  private final Clock clock;
  private final PriceTable prices;
  private final SellMultiplier multipliers;
  private final InputEstimates inputs;

  /** @param multipliers what each caller pays per USD of cost (by the user group of the key's user) */
  public RequestRecords(Clock clock, PriceTable prices, SellMultiplier multipliers, TokenEstimator estimator) {
    this(clock, prices, multipliers, new InputEstimates(estimator, ESTIMATE_DEADLINE));
  }

  public RequestRecords(Clock clock, PriceTable prices, SellMultiplier multipliers, InputEstimates inputs) {
    this.clock = clock;
    this.prices = prices;
    this.multipliers = multipliers;
    this.inputs = inputs;
  }

  /**
   * The record of a finished request. The future completes on the caller's context, at once unless a
   * large body must be estimated; it fails only if building the record itself failed (see
   * {@link FallbackRecord}).
   */
  public Future<RequestRecord> build(RelayContext ctx, Throwable unexpected) {
    long now = System.nanoTime();
    Instant finishedAt = clock.instant();
    Future<Metered> metered;
    try {
      metered = usage(ctx);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("request_id", ctx.requestId()).setCause(e)
          .log("request {}: the usage estimate failed; sizes are used instead", ctx.requestId());
      metered = Future.succeededFuture(bySize(ctx, "the estimator failed"));
    }
    return metered.map(m -> record(ctx, unexpected, m, now, finishedAt));
  }

  /** A record for a request whose record could not be built: what can be read safely, priced by size. */
  public RequestRecord fallback(RelayContext ctx, Throwable why) {
    Metered sized;
    try {
      sized = bySize(ctx, null);
    } catch (RuntimeException e) {
      sized = new Metered(Usage.ZERO, UsageSource.NONE, null);
    }
    return FallbackRecord.of(ctx, clock.instant(), sized.usage(), sized.source(), prices, multipliers, why);
  }

  private RequestRecord record(RelayContext ctx, Throwable unexpected, Metered metered, long now, Instant finishedAt) {
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
    if (metered.fallback() != null) {
      errorMessage = (errorMessage == null ? "" : errorMessage + "; ") + "usage counted by size: " + metered.fallback();
    }
    if (aborted) {
      outcome = "client_abort";
    } else if (errorClass != null || status >= 400) {
      outcome = "error";
    } else {
      outcome = "success";
    }

    String modelServed = last == null ? null : last.upstreamModel();
    String priced = modelServed != null ? modelServed : ctx.route() == null ? null : ctx.route().id();
    long cost = priced == null ? 0 : prices.find(priced).map(p -> CostCalculator.costNanos(metered.usage(), p)).orElse(0L);
    BigDecimal multiplier = multipliers.forUser(ctx.caller() == null ? null : ctx.caller().userId());
    long charged = CostCalculator.chargedNanos(cost, multiplier);

    long latencyNanos = now - ctx.startNanos();
    Long ttft = ctx.firstByteNanos() == 0 ? null : (ctx.firstByteNanos() - ctx.startNanos()) / 1_000_000;
    long overheadMicros = Math.max(0, latencyNanos - ctx.upstreamNanos()) / 1_000;
    Usage u = metered.usage();
    String userAgent = ctx.request().getHeader("user-agent");
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
    return new RequestRecord(ctx.requestId(), ctx.startedAt(), finishedAt,
        ctx.caller() == null ? null : ctx.caller().id(), ctx.caller() == null ? null : ctx.caller().userId(),
        ctx.callerOrgId(), ctx.endpoint().path(),
        ctx.clientFormat().id().wireName(), ctx.body() == null ? null : ctx.body().model(), modelServed,
        ctx.route() == null ? null : ctx.route().id(), last == null ? null : last.providerId(),
        last == null ? null : last.keyId(), status, outcome, errorClass, errorMessage,
        ctx.body() != null && ctx.body().stream(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
        u.cacheWriteTokens(), u.reasoningTokens(), metered.source().name().toLowerCase(Locale.ROOT), cost, charged,
        latencyNanos / 1_000_000, ttft, overheadMicros, ctx.clientIp(), userAgent,
        attemptRecords(attempts), multiplier);
  }

  /** @param fallback why the usage is counted by size only, or null */
  private record Metered(Usage usage, UsageSource source, String fallback) {}

  private Future<Metered> usage(RelayContext ctx) {
    ResponseMeter meter = ctx.meter();
    if (meter != null) {
      Usage reported = meter.usage();
      if (reported != null && meter.complete()) {
        return Future.succeededFuture(new Metered(reported, UsageSource.PROVIDER, null));
      }
      long output = meter.servedTokens();
      if (reported != null) {
        // The upstream's input figures are exact; only the output of a cut-short stream is estimated.
        return Future.succeededFuture(new Metered(new Usage(reported.inputTokens(),
            Math.max(reported.outputTokens(), output), reported.cacheReadTokens(), reported.cacheWriteTokens(),
            reported.reasoningTokens()), UsageSource.ESTIMATED, null));
      }
      return inputs.of(ctx.body().bytes())
          .map(in -> new Metered(Usage.of(in.tokens(), output), UsageSource.ESTIMATED, in.fallback()));
    }
    if (ctx.clientGone() && !ctx.attempts().isEmpty() && ctx.body() != null) {
      // The upstream may already have read the prompt when the client went away.
      return inputs.of(ctx.body().bytes())
          .map(in -> new Metered(Usage.of(in.tokens(), 0), UsageSource.ESTIMATED, in.fallback()));
    }
    return Future.succeededFuture(new Metered(Usage.ZERO, UsageSource.NONE, null));
  }

  /** Usage from sizes alone: the body at four bytes a token, the served text at four chars a token. */
  private static Metered bySize(RelayContext ctx, String why) {
    if (ctx.body() == null || ctx.attempts().isEmpty()) {
      return new Metered(Usage.ZERO, UsageSource.NONE, why);
    }
    long input = InputEstimates.bySize(ctx.body().bytes(), why).tokens();
    ResponseMeter meter = ctx.meter();
    long output = meter == null ? 0 : QuotaEstimate.tokensBySize(meter.servedChars());
    return new Metered(Usage.of(input, output), UsageSource.ESTIMATED, why);
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
