package dev.keypool.server;

import dev.keypool.billing.PriceTable;
import dev.keypool.config.GatewayConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.metrics.GatewayMetrics;
import dev.keypool.relay.QuotaGate;
import dev.keypool.relay.RequestRecords;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Database;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.tracking.RecordWriter;
import dev.keypool.tracking.RequestLogStore;
import java.time.Clock;

/**
 * The long-lived parts of one gateway instance, built once at start by {@link Gateway} and shared by
 * the proxy verticles and the admin server: configuration, stores, in-memory state, accounting.
 */
public record Components(
    GatewayConfig config,
    Clock clock,
    Database database,
    ProviderKeyStore providerKeys,
    GatewayKeyStore gatewayKeys,
    KeyPool keyPool,
    GatewayKeyRegistry registry,
    RouteTable routes,
    PriceTable prices,
    RequestRecords records,
    RecordWriter writer,
    RequestLogStore requestLog,
    GatewayMetrics metrics,
    QuotaGate quota) {}
