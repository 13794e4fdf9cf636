package dev.keypool.alert;

import dev.keypool.config.ModelRouteConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.RouteTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conditions read from the key pool's live state: a key banned (while it is banned or being probed; its
 * "resolved" notice says it recovered), a key disabled, and a route none of whose candidates' keys can
 * be lent now.
 */
public final class KeyStateSignals implements AlertSignals {
  private final KeyPool pool;
  private final RouteTable routes;

  public KeyStateSignals(KeyPool pool, RouteTable routes) {
    this.pool = pool;
    this.routes = routes;
  }

  @Override
  public Set<RuleKind> rules() {
    return EnumSet.of(RuleKind.KEY_BANNED, RuleKind.KEY_DISABLED, RuleKind.ROUTE_NO_USABLE_KEY);
  }

  @Override
  public List<Condition> conditions(Instant now) {
    List<Condition> out = new ArrayList<>();
    Map<String, Boolean> providerUsable = new HashMap<>();
    for (KeySnapshot k : pool.snapshots()) {
      String who = "Provider key '" + k.name() + "' (" + k.id() + ") of " + k.providerId();
      if (k.state() == KeyState.BANNED || k.state() == KeyState.PROBING) {
        out.add(new Condition(RuleKind.KEY_BANNED, "key:" + k.id(), who + " is banned",
            k.stateReason() == null ? "Banned until a probe succeeds." : "Reason: " + k.stateReason()
                + (k.bannedUntil() == null ? "" : "; banned until " + k.bannedUntil())));
      } else if (k.state() == KeyState.DISABLED) {
        out.add(new Condition(RuleKind.KEY_DISABLED, "key:" + k.id(), who + " is disabled",
            "It is not lent until an operator enables it."));
      }
      providerUsable.merge(k.providerId(), k.state() == KeyState.HEALTHY, Boolean::logicalOr);
    }
    ModelRoutes current = routes.current();
    for (ModelRouteConfig route : current.all()) {
      Set<String> providers = new LinkedHashSet<>();
      current.targets(route).forEach(t -> providers.add(t.provider().id()));
      if (providers.stream().noneMatch(p -> providerUsable.getOrDefault(p, false))) {
        out.add(new Condition(RuleKind.ROUTE_NO_USABLE_KEY, "route:" + route.id(),
            "Route '" + route.id() + "' has no usable key",
            "Every key of its providers " + providers + " is cooling down, banned or disabled, or there is none."));
      }
    }
    return out;
  }
}
