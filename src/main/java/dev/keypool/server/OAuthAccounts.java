package dev.keypool.server;

import dev.keypool.alert.AlertService;
import dev.keypool.alert.OAuthSignals;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.QuotasConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.oauth.OAuthRefresher;
import dev.keypool.oauth.OAuthService;
import dev.keypool.oauth.RefreshLock;
import dev.keypool.oauth.TokenClient;
import dev.keypool.quota.RedisLink;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Database;
import dev.keypool.storage.OAuthCredentialStore;
import dev.keypool.storage.OAuthFlowStore;
import dev.keypool.storage.SecretCipher;
import dev.keypool.upstream.OutboundProxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the OAuth accounts' service: its stores (secrets through the install's cipher), the token
 * client (through the outbound proxy of the account's provider), and the refresh lease, which is the quota engine's Redis when {@code quotas.redis} is
 * configured and the credential's database row otherwise.
 */
final class OAuthAccounts {
  /** Bounds a token request; the lease outlives it with room to store the result. */
  private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private OAuthAccounts() {}

  static OAuthService build(GatewayConfig config, Database database, SecretCipher cipher, Clock clock, KeyPool pool,
      RedisLink link, AlertService alerts, RouteTable routes, OutboundProxy proxy) {
    OAuthCredentialStore store = new OAuthCredentialStore(database.dataSource(), cipher, clock);
    String owner = "keypool-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    RefreshLock lock = RefreshLock.database(store, owner, LEASE);
    QuotasConfig.Redis redis = config.quotas().redis().orElse(null);
    if (redis != null && link != null) {
      lock = RefreshLock.redis(link, redis.prefix(), owner, LEASE, lock);
    }
    // Token calls take the account's provider's proxy as its upstream calls do, read from the routes in use.
    TokenClient tokens = new TokenClient(clock, TOKEN_TIMEOUT, proxy, id -> routes.current().provider(id));
    return new OAuthService(store, new OAuthFlowStore(database.dataSource(), cipher, clock),
        new OAuthRefresher(store, pool, tokens, lock, clock, OAuthSignals.of(alerts)), tokens, pool, clock);
  }
}
