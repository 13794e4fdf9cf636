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
import dev.keypool.gatewaykey.KeyStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.keypool.gatewaykey.IpAllowList;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.ModelPatterns;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.LimitRules;
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
    return GatewayKey.issue(name, GatewayKeySecrets.hash(secret), GatewayKeySecrets.hint(secret));
  }

  @Test
  void only_the_hash_and_hint_are_stored() throws SQLException {
    String secret = GatewayKeySecrets.generate();
    GatewayKey stored = store.insert(newKey("ci", secret));
    assertThat(stored.id()).startsWith("gk_");
    assertThat(stored).returns(KeyStatus.ACTIVE, GatewayKey::status).returns("api", GatewayKey::source)
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
        .returns(KeyStatus.REVOKED, GatewayKey::status).returns(clock.instant(), GatewayKey::revokedAt)
        .returns(false, k -> k.usable(clock.instant()));
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
    assertThat(store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_first-value-123"))).get(0).usable(clock.instant()))
        .isFalse();
    assertThat(store.syncFromConfig(List.of(new GatewayKeyConfig("admin", "ak_new-value-4567"))).get(0))
        .returns(true, k -> k.usable(clock.instant())).returns(null, GatewayKey::revokedAt);
  }

  @Test
  void scopes_permissions_limits_owner_and_expiry_round_trip_and_update() {
    GatewayKey stored = store.insert(newKey("scoped", GatewayKeySecrets.generate()).toBuilder()
        .description("for the CI").userId("usr_1").orgId("org_1")
        .scopes(new KeyScopes(new ModelPatterns(List.of("gpt-4o*", "anthropic/*")), List.of("openai"),
            new IpAllowList(List.of("10.0.0.0/8", "2001:db8::/32"))))
        .permissions(Set.of(Permission.READ)).limits(LimitRules.parse(Map.of("requests_per_minute", 60, "cost_usd_per_month", 50)))
        .expiresAt(clock.instant().plus(Duration.ofDays(30))).build());
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(stored.updatedAt()).isEqualTo(clock.instant());

    clock.advance(Duration.ofMinutes(1));
    GatewayKey changed = store.update(stored.toBuilder().status(KeyStatus.SUSPENDED).description("paused")
        .scopes(KeyScopes.ANY).permissions(Permission.DEFAULTS).limits(LimitRules.NONE).expiresAt(null).userId(null).build())
        .orElseThrow();
    assertThat(changed).returns(KeyStatus.SUSPENDED, GatewayKey::status).returns("paused", GatewayKey::description)
        .returns(KeyScopes.ANY, GatewayKey::scopes).returns(null, GatewayKey::expiresAt).returns(null, GatewayKey::userId)
        .returns("org_1", GatewayKey::orgId).returns(clock.instant(), GatewayKey::updatedAt)
        .returns(stored.createdAt(), GatewayKey::createdAt);
    assertThat(store.find(stored.id())).contains(changed);
  }

  @Test
  void regenerate_replaces_the_hash_and_keeps_the_rest() {
    String first = GatewayKeySecrets.generate();
    GatewayKey stored = store.insert(newKey("ci", first).toBuilder().description("kept")
        .limits(LimitRules.parse(Map.of("concurrent", 4))).build());
    String second = GatewayKeySecrets.generate();
    GatewayKey regenerated = store.regenerate(stored.id(), GatewayKeySecrets.hash(second), GatewayKeySecrets.hint(second))
        .orElseThrow();
    assertThat(regenerated).returns(stored.id(), GatewayKey::id).returns("kept", GatewayKey::description)
        .returns(stored.limits(), GatewayKey::limits).returns(GatewayKeySecrets.hash(second), GatewayKey::keyHash);
    assertThat(store.findByHash(GatewayKeySecrets.hash(first))).isEmpty();
    store.revoke(stored.id());
    assertThat(store.regenerate(stored.id(), "x", "y")).as("a revoked key stays revoked").isEmpty();
  }

  @Test
  void soft_delete_keeps_the_row_but_hides_it_from_default_listings() {
    GatewayKey kept = store.insert(newKey("kept", GatewayKeySecrets.generate()));
    GatewayKey gone = store.insert(newKey("gone", GatewayKeySecrets.generate()));
    clock.advance(Duration.ofHours(1));
    assertThat(store.softDelete(gone.id())).isTrue();
    assertThat(store.softDelete(gone.id())).isFalse();
    assertThat(store.list(false)).extracting(GatewayKey::id).containsExactly(kept.id());
    assertThat(store.list(true)).extracting(GatewayKey::id).containsExactlyInAnyOrder(kept.id(), gone.id());
    assertThat(store.find(gone.id()).orElseThrow()).returns(clock.instant(), GatewayKey::deletedAt)
        .returns(false, k -> k.usable(clock.instant()));
    assertThat(store.update(gone.toBuilder().name("again").build())).isEmpty();
  }

  @Test
  void last_used_times_are_written_in_one_batch_and_never_move_backwards() {
    GatewayKey a = store.insert(newKey("a", GatewayKeySecrets.generate()));
    GatewayKey b = store.insert(newKey("b", GatewayKeySecrets.generate()));
    Instant later = clock.instant().plusSeconds(60);
    store.touchLastUsed(Map.of(a.id(), later, b.id(), clock.instant()));
    store.touchLastUsed(Map.of(a.id(), clock.instant()));
    assertThat(store.find(a.id()).orElseThrow().lastUsedAt()).isEqualTo(later);
    assertThat(store.find(b.id()).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  void sync_applies_the_files_scopes_and_limits() {
    var declared = new GatewayKeyConfig("ci", "ak_first-value-123", "ci runner",
        new KeyScopes(new ModelPatterns(List.of("gpt-*")), List.of(), IpAllowList.ANY), Set.of(Permission.WRITE),
        LimitRules.parse(Map.of("requests_per_day", 1000)));
    GatewayKey k = store.syncFromConfig(List.of(declared)).get(0);
    assertThat(k).returns("ci runner", GatewayKey::description).returns(declared.scopes(), GatewayKey::scopes)
        .returns(Set.of(Permission.WRITE), GatewayKey::permissions).returns(declared.limits(), GatewayKey::limits);
    store.update(k.toBuilder().status(KeyStatus.SUSPENDED).userId("usr_1").build());
    GatewayKey again = store.syncFromConfig(List.of(new GatewayKeyConfig("ci", "ak_first-value-123"))).get(0);
    assertThat(again).returns(k.id(), GatewayKey::id).returns(KeyScopes.ANY, GatewayKey::scopes)
        .returns(KeyStatus.SUSPENDED, GatewayKey::status).returns("usr_1", GatewayKey::userId);
  }
}
