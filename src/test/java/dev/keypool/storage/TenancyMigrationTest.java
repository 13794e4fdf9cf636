package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.KeyStatus;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.LimitRules;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.OlderSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** V4 keeps the gateway keys stored before it, with the defaults of the new fields. */
class TenancyMigrationTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void keys_stored_before_v4_keep_working_with_default_scopes(Dialect dialect) throws Exception {
    try (var old = OlderSchema.at("3", dialect, tempDir)) {
      try (Connection c = old.connect()) {
        c.createStatement().execute("INSERT INTO gateway_keys (id, name, key_hash, key_hint, status, source, created_at, revoked_at) "
            + "VALUES ('gk_old', 'old', 'hash-old', 'ak_...old1', 'active', 'api', 1000, NULL), "
            + "('gk_gone', 'gone', 'hash-gone', 'ak_...gone', 'revoked', 'config', 1000, 2000)");
      }
      try (Database db = Database.open(old.cfg)) {
        GatewayKeyStore store = new GatewayKeyStore(db.dataSource(), Clock.systemUTC());
        GatewayKey before = store.find("gk_old").orElseThrow();
        assertThat(before).returns(KeyStatus.ACTIVE, GatewayKey::status).returns("", GatewayKey::description)
            .returns(KeyScopes.ANY, GatewayKey::scopes).returns(Permission.DEFAULTS, GatewayKey::permissions)
            .returns(LimitRules.NONE, GatewayKey::limits).returns(Instant.ofEpochMilli(1000), GatewayKey::updatedAt)
            .returns(null, GatewayKey::deletedAt);
        assertThat(store.findByHash("hash-gone").orElseThrow())
            .returns(KeyStatus.REVOKED, GatewayKey::status).returns(Instant.ofEpochMilli(2000), GatewayKey::revokedAt);
        assertThat(store.update(before.toBuilder().status(KeyStatus.SUSPENDED).build())).isPresent();
      }
    }
  }
}
