package dev.keypool.server;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.serverlog.LogMarkers;
import dev.keypool.storage.GatewayKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a fresh install one gateway key that nobody else knows. Keypool ships no key value (a value
 * printed in an example file would let anyone who reaches a new install spend its owner's upstream
 * keys), so at the first start, when the database holds no gateway key at all (deleted ones count, and
 * so do keys declared in the file), a key named {@value #NAME} is created with a generated value, logged
 * once as the generated admin password is: only its hash is stored, so it cannot be shown again, and
 * later starts find it stored and create nothing. It is an ordinary key: it can be regenerated, revoked
 * or deleted through the admin API. Blocks (JDBC).
 */
final class FirstGatewayKey {
  private static final Logger log = LoggerFactory.getLogger(FirstGatewayKey.class);
  static final String NAME = "bootstrap";
  /** One id for every instance, so that instances starting together on a fresh database create one key. */
  static final String ID = "gk_bootstrap";

  private FirstGatewayKey() {}

  static void ensure(GatewayKeyStore store) {
    String key = GatewayKeySecrets.generate();
    GatewayKey row = GatewayKey.issue(NAME, GatewayKeySecrets.hash(key), GatewayKeySecrets.hint(key)).toBuilder()
        .id(ID).description("created at the first start").build();
    if (store.insertIfNone(row)) {
      // The one place a gateway key is logged: there is no other way to hand it to the operator. To the
      // console only: the admin API's log view and log file are open to viewers.
      log.warn(LogMarkers.CONSOLE_ONLY, "No gateway key existed: created gateway key '{}' ({}): {}  (shown only this once; clients send it "
          + "as their API key; create more with POST /api/gateway-keys)", NAME, ID, key);
    }
  }
}
