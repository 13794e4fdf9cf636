package dev.keypool.relay.stage;

import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.relay.Chain;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RequestRecords;
import dev.keypool.relay.Stage;
import dev.keypool.tracking.RequestRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost stage: whatever happens inside (success, error, upstream failure, client abort), one
 * request record is built when the request ends and handed to the asynchronous writer, the quota
 * reservation is settled to it, and the metrics are updated. The request never waits for the database.
 *
 * <p>It cannot be broken by what it calls: a record that fails to build is replaced by a marked
 * fallback record ({@link RequestRecords#fallback}), and settling, writing and counting run each on
 * their own, so a failure of one leaves the others done (the in-flight gauge always goes back).
 */
public final class RecordRequest implements Stage {
  private static final Logger log = LoggerFactory.getLogger(RecordRequest.class);

  private final RequestRecords records;
  private final Consumer<RequestRecord> sink;
  private final GatewayMetrics metrics;
  private final Consumer<RequestRecord> accessLog;

  /** @param sink where records go: the asynchronous writer, or nowhere when recording is turned off */
  public RecordRequest(RequestRecords records, Consumer<RequestRecord> sink, GatewayMetrics metrics) {
    this(records, sink, metrics, r -> { });
  }

  /** @param accessLog where each record's access-log line is written ({@code logging.access}) */
  public RecordRequest(RequestRecords records, Consumer<RequestRecord> sink, GatewayMetrics metrics,
      Consumer<RequestRecord> accessLog) {
    this.records = records;
    this.sink = sink;
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    metrics.requestStarted();
    return chain.proceed(ctx).onComplete(ar -> record(ctx, ar.failed() ? ar.cause() : null));
  }

  private void record(RelayContext ctx, Throwable unexpected) {
    Future<RequestRecord> built;
    try {
      built = records.build(ctx, unexpected);
    } catch (RuntimeException e) {
      built = Future.failedFuture(e);
    }
    built.onComplete(ar -> finish(ctx, ar.succeeded() ? ar.result() : records.fallback(ctx, ar.cause())));
  }

  private void finish(RelayContext ctx, RequestRecord record) {
    if (ctx.settlement() != null) {
      // Right after the record: limits and balances are settled to exactly what is recorded.
      run(ctx, "settling its quota", () -> ctx.settlement().settle(record));
    }
    run(ctx, "queueing its record", () -> sink.accept(record));
    run(ctx, "counting it in the metrics", () -> metrics.record(record));
    run(ctx, "writing its access-log line", () -> accessLog.accept(record));
  }

  private static void run(RelayContext ctx, String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.atError().addKeyValue("request_id", ctx.requestId()).setCause(e)
          .log("request {}: {} failed", ctx.requestId(), what);
    }
  }
}
