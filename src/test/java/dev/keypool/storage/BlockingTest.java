package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void work_runs_on_a_worker_thread_and_its_result_or_failure_comes_back() throws Exception {
    var blocking = new Blocking(vertx);
    String thread = blocking.run(() -> Thread.currentThread().getName()).await(10, TimeUnit.SECONDS);
    assertThat(thread).contains("worker");
    Throwable failure = blocking.run(() -> {
      throw new IllegalStateException("boom");
    }).toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(failure).hasMessage("boom");
  }
}
