package dev.keypool.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.server.Components;
import dev.keypool.tracking.RecordWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health/stats}: what the instance is doing now, without a credential, like {@code /health}.
 * Every figure is read from memory (counters, the pool's snapshots, the writer's queues, the last known
 * database and quota state), so the answer never waits on the database or Redis, even while they are down.
 */
final class HealthStats {
  private final Components c;
  private final Instant started;

  HealthStats(Components c) {
    this.c = c;
    this.started = c.clock().instant();
  }

  void mount(Router router) {
    router.get("/health/stats").handler(this::stats);
  }

  private void stats(RoutingContext rc) {
    ObjectNode root = AdminJson.MAPPER.createObjectNode();
    root.put("status", c.drain().draining() ? "draining" : "ok");
    root.put("started_at", started.toString());
    root.put("uptime_seconds", Math.max(0, Duration.between(started, c.clock().instant()).toSeconds()));
    root.putObject("requests").put("served", c.metrics().served()).put("in_flight", c.metrics().inFlight());
    keys(root.putObject("provider_keys"));
    RecordWriter w = c.writer();
    root.putObject("request_records")
        .put("state", w.databaseHealthy() ? "up" : "journaling")
        .put("pending", w.pending())
        .put("written", w.written())
        .put("journaled", w.journaled())
        .put("rejected", w.rejected())
        .put("lost", w.lost());
    root.put("database", c.database().knownDown() ? "down" : "up");
    root.put("quotas", c.quota().engine().state());
    root.put("key_pool", c.keyPoolSharing());
    AdminJson.send(rc, 200, root);
  }

  /** Keys by state, every state present (zero included) so dashboards need no defaults. */
  private void keys(ObjectNode out) {
    Map<KeyState, Integer> byState = new EnumMap<>(KeyState.class);
    for (KeyState s : KeyState.values()) {
      byState.put(s, 0);
    }
    int total = 0;
    for (KeySnapshot k : c.keyPool().snapshots()) {
      byState.merge(k.state(), 1, Integer::sum);
      total++;
    }
    out.put("total", total);
    ObjectNode states = out.putObject("by_state");
    byState.forEach((s, n) -> states.put(s.name().toLowerCase(Locale.ROOT), n));
  }
}
