package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.billing.PriceTable;
import dev.keypool.config.ProviderFormat;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.stage.RecordRequest;
import dev.keypool.tracking.RequestRecord;
import dev.keypool.usage.TokenEstimator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever the estimator does (throws, hangs) and even when building the record fails, a request ending
 * with a usage to estimate leaves a record, and the in-flight gauge goes back. Each case runs the
 * real stage on a real Vert.x request whose upstream stream was cut short without usage.
 */
class RecordAlwaysWrittenTest {
  private static final byte[] SMALL = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}"
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] LARGE = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
      + "hello world ".repeat(10_000) + "\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

  Vertx vertx;
  final LinkedBlockingQueue<RequestRecord> written = new LinkedBlockingQueue<>();
  final GatewayMetrics metrics = new GatewayMetrics(
      new dev.keypool.routing.RouteTable(new dev.keypool.routing.ModelRoutes(java.util.List.of(), java.util.List.of(), null)));
  final CountDownLatch never = new CountDownLatch(1);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    never.countDown();
    vertx.close().await();
  }

  @Test
  void an_estimator_that_throws_leaves_a_record_counted_by_size() throws Exception {
    TokenEstimator throwing = new TokenEstimator() {
      @Override
      public long estimateInput(byte[] requestBody) {
        throw new IllegalStateException("estimator broken");
      }
    };
    RequestRecord r = serve(records(throwing, Duration.ofSeconds(10), PriceTable.defaults()), SMALL);

    assertThat(r.usageSource()).isEqualTo("estimated");
    assertThat(r.inputTokens()).isEqualTo((SMALL.length + 3) / 4);
    assertThat(r.outputTokens()).isPositive();
    assertThat(r.errorMessage()).isEqualTo("usage counted by size: the estimator failed");
    assertNothingInFlight();
  }

  @Test
  void an_estimator_that_hangs_leaves_a_record_at_the_deadline() throws Exception {
    TokenEstimator hanging = new TokenEstimator() {
      @Override
      public long estimateInput(byte[] requestBody) {
        try {
          never.await(); // released when the test ends
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 0;
      }
    };
    RequestRecord r = serve(records(hanging, Duration.ofMillis(200), PriceTable.defaults()), LARGE);

    assertThat(r.inputTokens()).isEqualTo((LARGE.length + 3) / 4);
    assertThat(r.errorMessage()).isEqualTo("usage counted by size: no estimate within 200 ms");
    assertNothingInFlight();
  }

  @Test
  void a_large_body_is_estimated_off_the_event_loop() throws Exception {
    boolean[] onLoop = new boolean[1];
    TokenEstimator watching = new TokenEstimator() {
      @Override
      public long estimateInput(byte[] requestBody) {
        onLoop[0] = Context.isOnEventLoopThread();
        return super.estimateInput(requestBody);
      }
    };
    RequestRecord r = serve(records(watching, Duration.ofSeconds(10), PriceTable.defaults()), LARGE);

    assertThat(onLoop[0]).isFalse();
    assertThat(r.errorMessage()).isNull();
    // 120,000 chars: beyond the exact part the count is sampled, so two estimates differ a little.
    assertThat(r.inputTokens()).isCloseTo(new TokenEstimator().estimateInput(LARGE),
        org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void a_record_that_cannot_be_built_is_replaced_by_a_marked_fallback() throws Exception {
    RequestRecord r = serve(records(new TokenEstimator(), Duration.ofSeconds(10), null), SMALL);

    assertThat(r.errorClass()).isEqualTo("internal");
    assertThat(r.errorMessage()).isEqualTo(FallbackRecord.MESSAGE);
    assertThat(r.usageSource()).isEqualTo("estimated");
    assertThat(r.inputTokens()).isEqualTo((SMALL.length + 3) / 4);
    assertThat(r.providerId()).isEqualTo("p");
    assertNothingInFlight();
  }

  private RequestRecords records(TokenEstimator estimator, Duration deadline, PriceTable prices) {
    return new RequestRecords(Clock.systemUTC(), prices, dev.keypool.billing.SellMultiplier.flat(BigDecimal.ONE),
        new InputEstimates(estimator, deadline));
  }

  /**
   * Serves one request through {@link RecordRequest} and a stage that meters a stream cut short
   * (two content deltas, no usage) after one attempt; returns the record written.
   */
  private RequestRecord serve(RequestRecords records, byte[] body) throws Exception {
    Consumer<RequestRecord> sink = written::add;
    RecordRequest stage = new RecordRequest(records, sink, metrics);
    Stage cutStream = (ctx, chain) -> {
      ctx.body(RequestBody.parse(body));
      ctx.attempts().add(new Attempt("p", "k", "m", 200, null, null, 1, 10, Instant.now()));
      ResponseMeter meter = ResponseMeter.start(Endpoint.CHAT_COMPLETIONS, "text/event-stream", false);
      meter.onChunk(Buffer.buffer("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello there\"}}]}\n\n"
          + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\", how are you?\"}}]}\n\n"));
      ctx.meter(meter);
      ctx.response().end("cut");
      return Future.succeededFuture();
    };
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      RelayContext ctx = new RelayContext("req-1", Endpoint.CHAT_COMPLETIONS,
          WireFormats.standard().get(ProviderFormat.OPENAI), request, Instant.now(), System.nanoTime());
      new Chain(List.of(stage, cutStream), 0).proceed(ctx);
    }).listen(0, "127.0.0.1").await();
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
    RequestRecord r = written.poll(20, TimeUnit.SECONDS);
    assertThat(r).as("a record written").isNotNull();
    return r;
  }

  /** The gauge goes back right after the record is queued (on the event loop, so it may trail by a moment). */
  private void assertNothingInFlight() {
    dev.keypool.testkit.Poll.until("nothing in flight", Duration.ofSeconds(5), () -> inFlight() == 0);
  }

  private double inFlight() {
    return metrics.scrape().lines().filter(l -> l.startsWith("keypool_requests_in_flight"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
