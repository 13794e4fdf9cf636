package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin port runs on an event loop of its own: with every proxy loop held (as a flood or a bug
 * would hold them), health probes and the admin API still answer. The gateway here is built on
 * unwatched loops, since holding them is the point.
 */
class AdminLoopTest {

  @Test
  void the_admin_port_answers_while_every_proxy_loop_is_held() throws Exception {
    try (GuardedGateway gw = new GuardedGateway("", "")) {
      Vertx proxyLoops = gw.built.getFirst();
      CountDownLatch release = new CountDownLatch(1);
      List<EventExecutor> loops = new ArrayList<>();
      ((VertxInternal) proxyLoops).nettyEventLoopGroup().forEach(loops::add);
      CountDownLatch held = new CountDownLatch(loops.size());
      try {
        for (EventExecutor loop : loops) {
          loop.execute(() -> {
            held.countDown();
            await(release);
          });
        }
        assertThat(held.await(10, TimeUnit.SECONDS)).as("every proxy loop held").isTrue();
        CompletableFuture<HttpResponse<String>> proxied = gw.http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.proxyPort() + "/v1/models"))
                .header("authorization", "Bearer " + GuardedGateway.KEY).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(gw.health()).isEqualTo(200);
        assertThat(proxied).as("the proxy is really held").isNotDone();
        release.countDown();
        assertThat(proxied.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      } finally {
        release.countDown();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
