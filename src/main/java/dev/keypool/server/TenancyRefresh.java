package dev.keypool.server;

import dev.keypool.storage.Blocking;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.OrgStore;
import dev.keypool.tenancy.UserStore;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads gateway keys, users, orgs, user groups and balances every few seconds (off the event loop), so that
 * what other instances sharing the database charged, topped up, created or changed reaches this one:
 * a prepaid balance here lags the others' charges by at most this period plus their write delay.
 */
final class TenancyRefresh {
  private static final Logger log = LoggerFactory.getLogger(TenancyRefresh.class);
  static final long PERIOD_MS = 2_000;

  private TenancyRefresh() {}

  static void schedule(Vertx vertx, Components c) {
    Directory directory = c.directory();
    UserStore users = c.users();
    OrgStore orgs = c.orgs();
    Blocking blocking = new Blocking(vertx);
    AtomicBoolean running = new AtomicBoolean();
    vertx.setPeriodic(PERIOD_MS, id -> {
      if (!running.compareAndSet(false, true)) {
        return; // the previous read is still running (a slow database): skip a round
      }
      blocking.run(() -> {
        // Balances last: read after the users, so a user added meanwhile is known when its balance comes.
        directory.refresh(users.list(), orgs.list(), users.balances());
        java.time.Instant groupsReadAt = c.clock().instant();
        c.groups().refresh(c.groupStore().list(), groupsReadAt);
        // Deleted keys too, so a key deleted through another instance stops working here.
        c.gatewayKeys().list(true).forEach(c.registry()::refresh);
        return null;
      }).onComplete(ar -> {
        running.set(false);
        if (ar.failed()) {
          log.warn("cannot refresh users and orgs from the database: {}", ar.cause().getMessage());
        }
      });
    });
  }
}
