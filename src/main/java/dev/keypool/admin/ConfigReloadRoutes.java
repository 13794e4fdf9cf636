package dev.keypool.admin;

import dev.keypool.config.ConfigException;
import dev.keypool.reload.ConfigReload;
import dev.keypool.storage.Blocking;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/config/reload}: reads the configuration file again and applies it
 * ({@link ConfigReload}); admins only. 200 with what changed and what needs a restart; 400
 * {@code invalid_config} with every problem when the file is invalid (the running configuration
 * stays); 409 when the instance was not started from a file.
 */
final class ConfigReloadRoutes {
  private final ConfigReload reload;
  private final Blocking blocking;

  ConfigReloadRoutes(ConfigReload reload, Blocking blocking) {
    this.reload = reload;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.post("/api/config/reload").handler(this::reload);
  }

  private void reload(RoutingContext rc) {
    if (!AdminAuthHandler.requireAdmin(rc)) {
      return;
    }
    // Off the loop: a reload reads the file and writes the file's keys to the database.
    blocking.run(() -> reload.reload().toJson()).onComplete(ar -> {
      if (ar.succeeded()) {
        AdminJson.send(rc, 200, ar.result());
      } else if (ar.cause() instanceof ConfigException e) {
        var root = AdminJson.MAPPER.createObjectNode();
        var error = root.putObject("error").put("type", "invalid_config")
            .put("message", "The configuration file is invalid; the running configuration stays.");
        var errors = error.putArray("errors");
        e.errors().forEach(errors::add);
        rc.response().setStatusCode(400).putHeader("content-type", "application/json").end(root.toString());
      } else if (ar.cause() instanceof ConfigReload.NoSource e) {
        AdminJson.error(rc, 409, "conflict", e.getMessage());
      } else {
        AdminRoutes.answer(rc, io.vertx.core.Future.failedFuture(ar.cause()), 200);
      }
    });
  }
}
