package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.PrivateRedis;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * EVALSHA with its fallback to EVAL, on a private {@code redis-server} whose script cache this test
 * may flush (flushing the shared Redis would disturb everyone else on it).
 */
class LuaScriptTest {
  /** adjust.lua's arguments for one reservation without holds: id, now, hold count. */
  private static final String[] NO_HOLDS = {"none", "0", "0"};

  @Test
  void a_script_redis_does_not_know_is_sent_whole_and_then_run_by_its_sha() throws Exception {
    try (PrivateRedis server = PrivateRedis.start();
        RedisLink link = new RedisLink(server.url(), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
      LuaScript script = LuaScript.load("/dev/keypool/quota/adjust.lua");
      link.commands().scriptFlush();
      assertThat(link.commands().scriptExists(script.sha())).containsExactly(false);

      assertThat(script.run(link.commands(), new String[0], NO_HOLDS)).containsExactly(0L);
      assertThat(link.commands().scriptExists(script.sha())).containsExactly(true);
      assertThat(script.run(link.commands(), new String[0], NO_HOLDS)).containsExactly(0L);
    }
  }

  @Test
  void the_asynchronous_run_also_sends_an_unknown_script_whole() throws Exception {
    try (PrivateRedis server = PrivateRedis.start();
        RedisLink link = new RedisLink(server.url(), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
      LuaScript script = LuaScript.load("/dev/keypool/quota/adjust.lua");
      var async = link.whenConnected().toCompletableFuture().get(5, TimeUnit.SECONDS);
      link.commands().scriptFlush();

      assertThat(script.runAsync(async, new String[0], NO_HOLDS).toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).containsExactly(0L);
      assertThat(link.commands().scriptExists(script.sha())).containsExactly(true);
      assertThat(script.runAsync(async, new String[0], NO_HOLDS).toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).containsExactly(0L);
    }
  }
}
