package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.StorageConfig;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.KeyStatus;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.LimitRules;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** V4 keeps the gateway keys stored before it, with the defaults of the new fields. */
class TenancyMigrationTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void keys_stored_before_v4_keep_working_with_default_scopes(Dialect dialect) throws Exception {
    String schema = dialect == Dialect.POSTGRES ? TestPostgres.newSchema() : null;
    String url = schema == null ? "jdbc:sqlite:" + tempDir.resolve("old.db") : TestPostgres.url(schema);
    String user = schema == null ? null : TestPostgres.USER;
    String password = schema == null ? null : TestPostgres.PASSWORD;
    try {
      var flyway = Flyway.configure().dataSource(url, user, password).target("3")
          .locations("classpath:db/migration/" + (schema == null ? "sqlite" : "postgresql"));
      if (schema != null) {
        flyway.schemas(schema).defaultSchema(schema);
      }
      flyway.load().migrate();
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        c.createStatement().execute("INSERT INTO gateway_keys (id, name, key_hash, key_hint, status, source, created_at, revoked_at) "
            + "VALUES ('gk_old', 'old', 'hash-old', 'ak_...old1', 'active', 'api', 1000, NULL), "
            + "('gk_gone', 'gone', 'hash-gone', 'ak_...gone', 'revoked', 'config', 1000, 2000)");
      }
      try (Database db = Database.open(new StorageConfig(url, user, password, null, 2))) {
        GatewayKeyStore store = new GatewayKeyStore(db.dataSource(), Clock.systemUTC());
        GatewayKey old = store.find("gk_old").orElseThrow();
        assertThat(old).returns(KeyStatus.ACTIVE, GatewayKey::status).returns("", GatewayKey::description)
            .returns(KeyScopes.ANY, GatewayKey::scopes).returns(Permission.DEFAULTS, GatewayKey::permissions)
            .returns(LimitRules.NONE, GatewayKey::limits).returns(Instant.ofEpochMilli(1000), GatewayKey::updatedAt)
            .returns(null, GatewayKey::deletedAt);
        assertThat(store.findByHash("hash-gone").orElseThrow())
            .returns(KeyStatus.REVOKED, GatewayKey::status).returns(Instant.ofEpochMilli(2000), GatewayKey::revokedAt);
        assertThat(store.update(old.toBuilder().status(KeyStatus.SUSPENDED).build())).isPresent();
      }
    } finally {
      if (schema != null) {
        TestPostgres.drop(schema);
      }
    }
  }
}
