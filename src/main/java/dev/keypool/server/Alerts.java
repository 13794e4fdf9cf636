package dev.keypool.server;

import dev.keypool.alert.AlertService;
import dev.keypool.alert.AlertStore;
import dev.keypool.alert.FailureRates;
import dev.keypool.alert.KeyStateSignals;
import dev.keypool.alert.QuotaSignals;
import dev.keypool.alert.WriterSignals;
import dev.keypool.alert.channel.Channels;
import dev.keypool.config.AlertsConfig;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.relay.QuotaGate;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Database;
import dev.keypool.tracking.RecordWriter;
import java.time.Clock;
import java.util.List;

/**
 * Builds the alert service over what this instance knows: key states, writer health, failure rates and
 * quota counters.
 */
final class Alerts {
  private Alerts() {}

  static AlertService build(AlertsConfig config, Database database, Clock clock, KeyPool keyPool, RouteTable routes,
      RecordWriter writer, GatewayKeyRegistry registry, QuotaGate quota) {
    return new AlertService(config, new AlertStore(database.dataSource()), new Channels(config.channels(), clock),
        clock, new FailureRates(keyPool), List.of(new KeyStateSignals(keyPool, routes), WriterSignals.of(writer),
            new QuotaSignals(registry::all, quota.resolver(), quota.engine(), config.rules())));
  }
}
