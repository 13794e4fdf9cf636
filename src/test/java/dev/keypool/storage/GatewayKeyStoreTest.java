package dev.keypool.storage;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import dev.keypool.testkit.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keypool.config.GatewayKeyConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class GatewayKeyStoreTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  TestDatabase t;
  GatewayKeyStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new GatewayKeyStore(t.db.dataSource(), clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  static GatewayKey newKey(String name, String secret) {
    return new GatewayKey(null, name, GatewayKeySecrets.hash(secret), GatewayKeySecrets.hint(secret), null, null, null, null);
  }

  @Test
  void only_the_hash_and_hint_are_stored() throws SQLException {
    String secret = GatewayKeySecrets.generate();
    GatewayKey stored = store.insert(newKey("ci", secret));
    assertThat(stored.id()).startsWith("gk_");
    assertThat(stored).returns("active", GatewayKey::status).returns("api", GatewayKey::source)
        .returns(clock.instant(), GatewayKey::createdAt).returns(null, GatewayKey::revokedAt);
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(store.findByHash(GatewayKeySecrets.hash(secret))).contains(stored);
    try (Connection c = t.db.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM gateway_keys")) {
      assertThat(rs.next()).isTrue();
      for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
        assertThat(String.valueOf(rs.getString(col))).as(rs.getMetaData().getColumnName(col)).doesNotContain(secret.substring(3));
      }
    }
  }

  @Test
  void storing_the_same_key_value_twice_is_a_conflict() {
    String secret = GatewayKeySecrets.generate();
    store.insert(newKey("a", secret));
    assertThatThrownBy(() -> store.insert(newKey("b", secret))).isInstanceOf(ConflictException.class);
  }

  @Test
  void revoke_marks_the_key_once() {
    GatewayKey stored = store.insert(newKey("ci", GatewayKeySecrets.generate()));
    clock.advance(Duration.ofDays(1));
    assertThat(store.revoke(stored.id())).isTrue();
    assertThat(store.find(stored.id()).orElseThrow())
        .returns("revoked", GatewayKey::status).returns(clock.instant(), GatewayKey::revokedAt)
        .returns(false, GatewayKey::active);
    assertThat(store.revoke(stored.id())).isFalse();
    assertThat(store.revoke("gk_missing")).isFalse();
  }

  @Test
  void sync_inserts_rehashes_and_deletes_config_keys_and_leaves_api_keys_alone() {
    GatewayKey api = store.insert(newKey("api", GatewayKeySecrets.generate()));
    var first = store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_first-value-123"),
        new GatewayKeyConfig("old", "ak_old-value-45678")));
    assertThat(first).extracting(GatewayKey::name, GatewayKey::source, GatewayKey::keyHash).containsExactlyInAnyOrder(
        tuple("admin", "config", GatewayKeySecrets.hash("ak_first-value-123")),
        tuple("old", "config", GatewayKeySecrets.hash("ak_old-value-45678")));
    GatewayKey admin = first.stream().filter(k -> k.name().equals("admin")).findFirst().orElseThrow();

    var second = store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_second-value-99")));
    assertThat(second).singleElement()
        .returns(admin.id(), GatewayKey::id)
        .returns(GatewayKeySecrets.hash("ak_second-value-99"), GatewayKey::keyHash)
        .returns("ak_...e-99", GatewayKey::keyHint);
    assertThat(store.findByHash(GatewayKeySecrets.hash("ak_first-value-123"))).isEmpty();
    assertThat(store.list()).extracting(GatewayKey::id).containsExactlyInAnyOrder(api.id(), admin.id());
  }

  @Test
  void a_revoked_config_key_stays_revoked_until_its_value_changes() {
    String id = store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_first-value-123"))).get(0).id();
    store.revoke(id);
    assertThat(store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_first-value-123"))).get(0).active())
        .isFalse();
    assertThat(store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_new-value-4567"))).get(0))
        .returns(true, GatewayKey::active).returns(null, GatewayKey::revokedAt);
  }
}
