package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The first gateway key of a fresh install is stored once: never beside another key, never twice. */
@ParameterizedClass
@EnumSource(Dialect.class)
class GatewayKeyInsertIfNoneTest {
  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  TestDatabase t;
  GatewayKeyStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new GatewayKeyStore(t.db.dataSource(), new ManualClock(Instant.parse("2025-01-01T00:00:00Z")));
  }

  @AfterEach
  void close() throws Exception {
    t.close();
  }

  static GatewayKey first() {
    String key = GatewayKeySecrets.generate();
    return GatewayKey.issue("bootstrap", GatewayKeySecrets.hash(key), GatewayKeySecrets.hint(key)).toBuilder()
        .id("gk_bootstrap").build();
  }

  @Test
  void stores_only_into_an_empty_table() {
    assertThat(store.insertIfNone(first())).isTrue();
    assertThat(store.insertIfNone(first())).isFalse();
    assertThat(store.list()).singleElement().satisfies(k -> assertThat(k.source()).isEqualTo("api"));
  }

  @Test
  void a_deleted_key_still_counts() {
    String id = store.insert(GatewayKey.issue("old", GatewayKeySecrets.hash("ak_x"), "ak_...")).id();
    store.softDelete(id);

    assertThat(store.insertIfNone(first())).isFalse();
  }

  @Test
  void instances_starting_together_store_one_key() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<Boolean> insert = () -> store.insertIfNone(first());
      int stored = 0;
      for (Future<Boolean> f : pool.invokeAll(java.util.List.of(insert, insert, insert, insert), 30, TimeUnit.SECONDS)) {
        stored += f.get() ? 1 : 0;
      }
      assertThat(stored).isEqualTo(1);
      assertThat(store.list()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
