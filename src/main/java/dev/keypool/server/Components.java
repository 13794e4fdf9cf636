package dev.keypool.server;

import dev.keypool.balance.BalanceService;
import dev.keypool.alert.AlertService;
import dev.keypool.billing.PriceTable;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.GatewayConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.relay.QuotaGate;
import dev.keypool.relay.RequestRecords;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.serverlog.ServerLog;
import dev.keypool.storage.Database;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.ModelLimitOverrideStore;
import dev.keypool.storage.PriceOverrideStore;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.OrgStore;
import dev.keypool.tenancy.UserStore;
import dev.keypool.tracking.LiveRecords;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.tracking.RequestLogStore;
import dev.keypool.upstream.OutboundProxy;
import java.time.Clock;

/**
 * The long-lived parts of one gateway instance, built once at start by {@link Gateway} and shared by
 * the proxy verticles and the admin server: configuration, stores, in-memory state, accounting.
 *
 * @param config the configuration the instance started with: what only a restart changes is read here; the
 *     sections a reload swaps are read through {@code configReload}'s configuration in effect
 * @param providerOverrides the providers changed at run time; the providers in use are {@code routes}'
 * @param live the records as they are recorded, for the admin API's live view
 * @param serverLog the server's own log (recent entries, live feed, file) for the admin API
 * @param priceBase the prices without run-time changes (shipped defaults with the file's laid over them),
 *     swapped by a configuration reload
 * @param balances provider keys' balances: readings, schedule and policy (started with the admin port)
 * @param drain the shutdown's drain, which {@code /health/ready} reports while it runs
 * @param alerts the alert rules, channels and their schedule
 * @param modelLimits the model limits catalog (shipped, file, run-time layers) that routes clamp output caps to
 * @param modelLimitOverrides the run-time model limits, stored
 * @param sharedPool the key pool's sharing with other instances through Redis, or null when not shared
 * @param affinity the sessions whose requests stick to one provider key (routes' {@code affinity})
 * @param headerPolicy which client headers go upstream: one instance, its allow-list swapped on a reload
 * @param configReload the configuration reload and the configuration in effect since the last one
 * @param oauth OAuth accounts as provider keys: authorization flows and token refresh (started with the admin port)
 * @param groupStore the user groups created at run time, stored
 * @param groups the user groups in memory (the file's and the stored ones) and each caller's sell multiplier
 * @param outboundProxy which proxy each call to an upstream goes through (the global {@code proxy} and the
 *     providers' own): one instance for relayed requests, health checks, model lists, balances and OAuth token calls
 */
public record Components(
    GatewayConfig config,
    Clock clock,
    Database database,
    ProviderKeyStore providerKeys,
    GatewayKeyStore gatewayKeys,
    KeyPool keyPool,
    GatewayKeyRegistry registry,
    UserStore users,
    OrgStore orgs,
    Directory directory,
    RouteTable routes,
    RouteOverrides routeOverrides,
    ProviderOverrides providerOverrides,
    PriceTable prices,
    dev.keypool.billing.PriceBase priceBase,
    PriceOverrideStore priceOverrides,
    RequestRecords records,
    RecordWriter writer,
    LiveRecords live,
    RequestLogStore requestLog,
    GatewayMetrics metrics,
    QuotaGate quota,
    ServerLog serverLog,
    BalanceService balances,
    Drain drain,
    AlertService alerts,
    ModelLimitCatalog modelLimits,
    ModelLimitOverrideStore modelLimitOverrides,
    dev.keypool.sharedpool.SharedKeyState sharedPool,
    dev.keypool.affinity.SessionAffinity affinity,
    dev.keypool.relay.HeaderPolicy headerPolicy,
    dev.keypool.reload.ConfigReload configReload,
    dev.keypool.oauth.OAuthService oauth,
    dev.keypool.tenancy.UserGroupStore groupStore,
    dev.keypool.tenancy.UserGroups groups,
    OutboundProxy outboundProxy) {

  /** How the key pool is shared: {@code redis}, {@code local-fallback} while Redis is away, or {@code local}. */
  public String keyPoolSharing() {
    return SharedPool.state(sharedPool);
  }
}
