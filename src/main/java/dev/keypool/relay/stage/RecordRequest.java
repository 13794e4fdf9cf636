package dev.keypool.relay.stage;

import dev.keypool.relay.Chain;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RequestRecords;
import dev.keypool.relay.Stage;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.metrics.GatewayMetrics;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The outermost stage: whatever happens inside (success, error, upstream failure, client abort), one
 * request record is built when the request ends and handed to the asynchronous writer, the quota
 * reservation is settled to it, and the metrics are updated. The request never waits for the database.
 */
public final class RecordRequest implements Stage {
  private final RequestRecords records;
  private final Consumer<RequestRecord> sink;
  private final GatewayMetrics metrics;

  /** @param sink where records go: the asynchronous writer, or nowhere when recording is turned off */
  public RecordRequest(RequestRecords records, Consumer<RequestRecord> sink, GatewayMetrics metrics) {
    this.records = records;
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    metrics.requestStarted();
    return chain.proceed(ctx).onComplete(ar -> {
      RequestRecord record = records.build(ctx, ar.failed() ? ar.cause() : null);
      if (ctx.settlement() != null) {
        // Right after the record: limits and balances are settled to exactly what is recorded.
        ctx.settlement().settle(record);
      }
      sink.accept(record);
      metrics.record(record);
    });
  }
}
