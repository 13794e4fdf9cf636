package dev.keypool.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.FakeAuthServer;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.TestPostgres;
import dev.keypool.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one database refresh the same OAuth token at the same moment: the token endpoint sees
 * one refresh, and both instances end up on its result (the refresh token being rotated, a second
 * refresh with the old one would have been refused). Once with the database row lease, once with Redis.
 */
class OAuthSharedRefreshTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  final List<GatewayHarness> open = new ArrayList<>();
  FakeAuthServer auth;
  String schema;
  String prefix;

  @AfterEach
  void stop() throws Exception {
    for (GatewayHarness h : open) {
      h.close();
    }
    if (auth != null) {
      auth.close();
    }
    if (schema != null) {
      TestPostgres.drop(schema);
    }
    if (prefix != null) {
      TestRedis.deleteKeys(prefix);
    }
  }

  @Test
  void two_instances_without_redis_refresh_once() throws Exception {
    refreshAtOnce(OAuthAccountTest.YAML, false);
  }

  @Test
  void two_instances_with_redis_refresh_once() throws Exception {
    prefix = TestRedis.newPrefix();
    refreshAtOnce(OAuthAccountTest.YAML + """
        quotas:
          redis: { url: "%s", prefix: "%s", timeout: 2s }
        """.formatted(TestRedis.URL, prefix), true);
  }

  /** {@code shared}: the instances share their key pool through Redis, so B learns of the new key from A. */
  private void refreshAtOnce(String yaml, boolean shared) throws Exception {
    auth = FakeAuthServer.start();
    schema = TestPostgres.newSchema();
    GatewayHarness a = gateway(yaml);
    GatewayHarness b;
    String id;
    if (shared) {
      b = gateway(yaml);
      Poll.until("both share the pool", Duration.ofSeconds(15), () -> "redis".equals(keyPool(a))
          && "redis".equals(keyPool(b)));
      id = OAuthAccountTest.addThroughPkce(a, auth, "shared").path("id").asText();
      Poll.until("the other instance has the new key", () -> b.gateway.keyPool().definition(id) != null);
    } else {
      id = OAuthAccountTest.addThroughPkce(a, auth, "shared").path("id").asText();
      b = gateway(yaml); // loads the account from the database
    }
    String original = b.gateway.keyPool().definition(id).secret();
    assertThat(a.gateway.keyPool().definition(id).secret()).isEqualTo(original);

    a.clock.advance(Duration.ofMinutes(56));
    b.clock.advance(Duration.ofMinutes(56));
    auth.hold();
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> a.gateway.oauth().runDue());
    Poll.until("the first refresh reached the token endpoint", () -> auth.refreshRequests() >= 1);
    // The lease held is Redis's when Redis is configured, the database row's otherwise.
    assertThat(prefix != null && TestRedis.get(prefix + "oauth:refresh:" + id) != null).as("Redis lease").isEqualTo(shared);
    assertThat(databaseLease(a, id)).as("database lease").isEqualTo(!shared);
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> b.gateway.oauth().runDue());
    // The second instance cannot take the lease while the first holds it: it refreshes nothing.
    assertThat(second.get()).isZero();
    auth.release();
    assertThat(first.get()).isEqualTo(1);
    assertThat(auth.refreshRequests()).isEqualTo(1);

    b.gateway.oauth().runDue(); // its next pass adopts the first instance's token
    String refreshed = a.gateway.keyPool().definition(id).secret();
    assertThat(refreshed).isNotEqualTo(original);
    assertThat(b.gateway.keyPool().definition(id).secret()).isEqualTo(refreshed);
    assertThat(auth.refreshes()).isEqualTo(1);

    // And the stored, rotated refresh token serves the next refresh, from either instance.
    a.clock.advance(Duration.ofMinutes(56));
    b.clock.advance(Duration.ofMinutes(56));
    assertThat(b.gateway.oauth().runDue()).isEqualTo(1);
    a.gateway.oauth().runDue();
    assertThat(auth.refreshes()).isEqualTo(2);
    assertThat(a.gateway.keyPool().definition(id).secret()).isEqualTo(b.gateway.keyPool().definition(id).secret());
  }

  /** Whether the credential's database row lease is held now. */
  private static boolean databaseLease(GatewayHarness h, String id) throws Exception {
    try (var c = h.database(); var ps = c.prepareStatement("SELECT lock_owner FROM provider_key_oauth WHERE key_id = ?")) {
      ps.setString(1, id);
      try (var rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) != null;
      }
    }
  }

  /** How the instance's key pool is shared, as its readiness reports it. */
  private static String keyPool(GatewayHarness h) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(h.get("/health/ready").body())
          .path("checks").path("key_pool").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private GatewayHarness gateway(String yaml) throws Exception {
    GatewayHarness h = GatewayHarness.sharing(yaml, schema, "");
    open.add(h);
    h.clock.set(T0);
    return h;
  }
}
