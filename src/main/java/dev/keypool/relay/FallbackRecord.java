package dev.keypool.relay;

import dev.keypool.billing.CostCalculator;
import dev.keypool.billing.PriceTable;
import dev.keypool.billing.SellMultiplier;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.usage.Usage;
import dev.keypool.usage.UsageSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of a request whose regular record could not be built: a request is recorded however it
 * ended, so what can be read is read field by field (a field that cannot be read stays empty), the
 * usage is counted by size, and the record is marked: error class {@code internal}, message
 * {@code record incomplete}. The cause goes to the log once.
 */
final class FallbackRecord {
  private static final Logger log = LoggerFactory.getLogger(FallbackRecord.class);
  static final String MESSAGE = "record incomplete: building the record failed; usage counted by size";

  private FallbackRecord() {}

  static RequestRecord of(RelayContext ctx, Instant finishedAt, Usage usage, UsageSource source, PriceTable prices,
      SellMultiplier multipliers, Throwable why) {
    log.atError().addKeyValue("request_id", ctx.requestId()).setCause(why)
        .log("request {}: its record could not be built; a fallback record is written", ctx.requestId());
    List<Attempt> attempts = read(ctx::attempts, List.of());
    Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    String served = last == null ? null : last.upstreamModel();
    long cost = served == null ? 0
        : read(() -> prices.find(served).map(p -> CostCalculator.costNanos(usage, p)).orElse(0L), 0L);
    BigDecimal multiplier = read(() -> multipliers.forUser(ctx.caller() == null ? null : ctx.caller().userId()), null);
    long charged = multiplier == null ? 0 : read(() -> CostCalculator.chargedNanos(cost, multiplier), 0L);
    boolean aborted = read(ctx::clientGone, false);
    return new RequestRecord(ctx.requestId(), ctx.startedAt(), finishedAt,
        read(() -> ctx.caller().id(), null), read(() -> ctx.caller().userId(), null), read(ctx::callerOrgId, null),
        read(() -> ctx.endpoint().path(), null), read(() -> ctx.clientFormat().id().wireName(), null),
        read(() -> ctx.body().model(), null), served, read(() -> ctx.route().id(), null),
        last == null ? null : last.providerId(), last == null ? null : last.keyId(),
        read(() -> ctx.response().getStatusCode(), 0), aborted ? "client_abort" : "error", "internal", MESSAGE,
        read(() -> ctx.body().stream(), false), usage.inputTokens(), usage.outputTokens(), 0, 0, 0,
        source.name().toLowerCase(Locale.ROOT), cost, charged,
        read(() -> (System.nanoTime() - ctx.startNanos()) / 1_000_000, 0L), null, 0, null, null, List.of(), multiplier);
  }

  /** A field of the context, or {@code otherwise} when reading it fails (a missing part reads as null). */
  private static <T> T read(Supplier<T> field, T otherwise) {
    try {
      T value = field.get();
      return value == null ? otherwise : value;
    } catch (RuntimeException e) {
      return otherwise;
    }
  }
}
