package dev.keypool.cli;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Database;
import dev.keypool.storage.KeyFile;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.storage.ProviderStore;
import dev.keypool.storage.SecretCipher;
import dev.keypool.upstream.OutboundProxy;
import java.time.Clock;
import java.util.List;

/**
 * The configuration and its database as an operator tool sees them, without starting the gateway. Safe
 * next to a running gateway on the same database: every store call is one short transaction, and on
 * SQLite a write waits out the gateway's (busy timeout, see {@link Database}) rather than failing.
 */
final class Offline implements AutoCloseable {
  final GatewayConfig config;
  final Database db;
  final Clock clock = Clock.systemUTC();
  private SecretCipher cipher;

  private Offline(GatewayConfig config, Database db) {
    this.config = config;
    this.db = db;
  }

  static Offline open(ConfigOption option) {
    GatewayConfig config = option.load();
    return new Offline(config, Database.open(config.storage()));
  }

  /** The cipher of provider secrets, as the gateway loads it (the configured key, else the key file). */
  SecretCipher cipher() {
    if (cipher == null) {
      cipher = SecretCipher.load(config.storage(), KeyFile.defaultPath(config.storage()));
    }
    return cipher;
  }

  /** Which proxy each call to an upstream goes through, as the gateway decides it. */
  OutboundProxy outboundProxy() {
    return new OutboundProxy(config.proxy());
  }

  ProviderKeyStore providerKeys() {
    return new ProviderKeyStore(db.dataSource(), cipher(), clock);
  }

  /** The providers in use: the file's with the run-time changes and the environment's pins laid over them. */
  List<ProviderConfig> providers() {
    RouteTable table = new RouteTable(ModelRoutes.of(config));
    new ProviderOverrides(config.providers(), config.providerPins(),
        new ProviderStore(db.dataSource(), cipher(), clock), table).reload();
    return table.current().providers();
  }

  /** The provider {@code id} in use; a usage failure naming the known ones when there is none. */
  ProviderConfig provider(String id) {
    List<ProviderConfig> all = providers();
    return all.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> CliFailure.usage(
        "no provider '" + id + "'; known: " + String.join(", ", all.stream().map(ProviderConfig::id).toList())));
  }

  @Override
  public void close() {
    db.close();
  }
}
