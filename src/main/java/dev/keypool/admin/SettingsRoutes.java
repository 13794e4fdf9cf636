package dev.keypool.admin;

import dev.keypool.server.Components;
import dev.keypool.settings.BuildInfo;
import dev.keypool.settings.ProviderSource;
import dev.keypool.settings.SettingsReport;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/settings}: the effective configuration, each value with where it came from (file,
 * environment, database, default) and secrets masked; and {@code /api/settings/about}, the facts a
 * console footer shows. Both are built from memory, on the admin loop, for every role.
 */
final class SettingsRoutes {
  private final Components c;
  private final ProviderSource providers;
  private final Instant startedAt;

  /**
   * @param providers the providers in effect; {@link ProviderSource#fileOnly} until providers can be
   *     changed at run time, when the store that keeps those changes takes its place
   * @param startedAt when this instance started
   */
  SettingsRoutes(Components c, ProviderSource providers, Instant startedAt) {
    this.c = c;
    this.providers = providers;
    this.startedAt = startedAt;
  }

  void mount(Router router) {
    router.get("/api/settings").handler(rc -> AdminJson.send(rc, 200, new SettingsReport(c.configReload().current(), providers,
        c.routes().current().all(), id -> c.routeOverrides().source(id).equals("runtime"), c.priceBase().current().prices(),
        c.prices().snapshot()).toJson()));
    router.get("/api/settings/about").handler(rc -> AdminJson.send(rc, 200, about()));
  }

  private Map<String, Object> about() {
    Instant now = c.clock().instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", BuildInfo.version());
    out.put("started_at", startedAt);
    out.put("uptime_seconds", Math.max(0, Duration.between(startedAt, now).toSeconds()));
    out.put("java_version", Runtime.version().toString());
    out.put("database", c.database().isPostgres() ? "postgresql" : "sqlite");
    out.put("redis_configured", c.config().quotas().redis().isPresent());
    return out;
  }
}
