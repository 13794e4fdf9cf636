package dev.keypool.relay.stage;

import dev.keypool.relay.Chain;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RequestRecords;
import dev.keypool.relay.Stage;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.metrics.GatewayMetrics;
import io.vertx.core.Future;

/**
 * The outermost stage: whatever happens inside (success, error, upstream failure, client abort), one
 * request record is built when the request ends and handed to the asynchronous writer, and the
 * metrics are updated. The request never waits for the database.
 */
public final class RecordRequest implements Stage {
  private final RequestRecords records;
  private final RecordWriter writer;
  private final GatewayMetrics metrics;

  public RecordRequest(RequestRecords records, RecordWriter writer, GatewayMetrics metrics) {
    this.records = records;
    this.writer = writer;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    metrics.requestStarted();
    return chain.proceed(ctx).onComplete(ar -> {
      RequestRecord record = records.build(ctx, ar.failed() ? ar.cause() : null);
      writer.submit(record);
      metrics.record(record);
    });
  }
}
