package dev.keypool.reload;

import dev.keypool.config.ConfigException;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderDefinitions;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.keypool.KeyPool;
import dev.keypool.quota.LimitResolver;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.routing.PendingSwap;
import dev.keypool.routing.ProviderOverrides;
import dev.keypool.routing.RouteOverrides;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.GatewayKeyStore;
import dev.keypool.storage.ProviderKeyStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration without a restart (on {@code SIGHUP} or {@code POST /api/config/reload}):
 * the file is read and validated again; an invalid file is refused with every problem and nothing
 * changes. A valid one has its providers, model routes, keys, default quota rules, header allow-list
 * and settings sections (routing, prices, model limits, CORS, alerts, balances, health checks, billing,
 * tracking, logging levels) swapped in, each as one step the next request or scheduler round sees whole;
 * fields that only a restart applies ({@link ReloadScope}) are reported and keep their running values.
 * Everything that reads the database comes before the first change in memory, so a reload that fails
 * changes nothing. Reloads run one at a time, off the event loops (they write the file's keys to the
 * database, as a start does).
 */
public final class ConfigReload {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** What a reload swaps: the parts built at start that hold the swapped sections. */
  public record Targets(RouteTable routes, ProviderOverrides providerOverrides, RouteOverrides routeOverrides,
      ProviderKeyStore providerKeys, KeyPool keyPool, GatewayKeyStore gatewayKeys, GatewayKeyRegistry registry,
      LimitResolver limits, HeaderPolicy headers, SettingsSwap settings) {}

  /** A reload asked of an instance that was not told where its configuration comes from. */
  public static final class NoSource extends RuntimeException {
    NoSource() {
      super("This instance was not started from a configuration file, so there is nothing to reload.");
    }
  }

  private final Targets targets;
  private final InEffect inEffect;
  private volatile ConfigSource source;

  /** @param inEffect the configuration in effect, which parts built at start read sections of */
  public ConfigReload(InEffect inEffect, Targets targets) {
    this.inEffect = inEffect;
    this.targets = targets;
  }

  /** The configuration in effect: the one started with, with the sections reloaded since swapped in. */
  public GatewayConfig current() {
    return inEffect.get();
  }

  /** The configuration in effect, for parts that read one of its sections at each use. */
  public InEffect inEffect() {
    return inEffect;
  }

  /** Reloads read {@code source} from now on (the launcher sets it; without it a reload is refused). */
  public void readFrom(ConfigSource source) {
    this.source = source;
  }

  /**
   * Reads the configuration again and applies it. Throws {@link ConfigException} when it is invalid
   * (nothing changed then) and {@link NoSource} when there is nothing to read.
   */
  public synchronized ReloadReport reload() {
    ConfigSource from = source;
    if (from == null) {
      throw new NoSource();
    }
    GatewayConfig next;
    try {
      next = from.load();
    } catch (ConfigException e) {
      log.warn("configuration reload refused, the running configuration stays: {}", String.join("; ", e.errors()));
      throw e;
    }
    GatewayConfig before = inEffect.get();
    ReloadReport report = apply(before, next);
    if (report.restartRequired().isEmpty()) {
      log.info("configuration reloaded: {}", report.summary());
    } else {
      log.warn("configuration reloaded: {}", report.summary());
    }
    return report;
  }

  private ReloadReport apply(GatewayConfig before, GatewayConfig next) {
    GatewayConfig applied = ReloadScope.inEffect(before, next);
    // Reads the database: before anything changes, so that a failure here changes nothing.
    Runnable settings = targets.settings().prepare(before, applied);
    ModelRoutes routesBefore = targets.routes().current();
    swapRoutesAndKeys(before, applied);
    ModelRoutes routesAfter = targets.routes().current();
    // From here on memory only: nothing can fail.
    if (!before.quotas().equals(applied.quotas())) {
      targets.limits().replaceDefaults(applied.quotas());
    }
    targets.headers().replace(applied.headers());
    inEffect.set(applied);
    settings.run();
    return new ReloadReport(
        Changes.between(routesBefore.providers(), routesAfter.providers(), ProviderConfig::id,
            ProviderDefinitions::toJson),
        Changes.between(routesBefore.all(), routesAfter.all(), ModelRouteConfig::id, r -> r),
        Changes.between(fileKeys(before), fileKeys(applied), FileKey::name, FileKey::content),
        Changes.between(before.gatewayKeys(), applied.gatewayKeys(), k -> k.name(), k -> k),
        !before.quotas().equals(applied.quotas()),
        !before.headers().equals(applied.headers()),
        ReloadScope.restartRequired(before, next), ReloadScope.settingsChanged(before, applied));
  }

  /**
   * Stores the file's keys, then swaps providers and routes in one step of the route table, with new
   * keys in the pool before and old ones out after. Both overrides stay locked throughout, so a
   * run-time change made meanwhile is neither lost nor half applied. The database steps come first: when
   * one fails (the database is away) the reload fails with nothing changed in memory; keys already
   * written are the file's, which the next start or reload writes anyway.
   */
  private void swapRoutesAndKeys(GatewayConfig before, GatewayConfig applied) {
    ProviderOverrides providers = targets.providerOverrides();
    RouteOverrides routes = targets.routeOverrides();
    synchronized (providers) {
      synchronized (routes) {
        // Everything that reads or writes the database first: if it fails, nothing has changed.
        PendingSwap<List<ProviderConfig>> nextProviders = providers.replaceFile(applied.providers(),
            applied.providerPins());
        PendingSwap<List<ModelRouteConfig>> nextRoutes = routes.replaceFile(applied.models(),
            ids(nextProviders.next()), applied.routing());
        KeySwap.ProviderKeys providerKeys = KeySwap.storeProviderKeys(targets.providerKeys(), targets.keyPool(),
            nextProviders.next());
        List<GatewayKey> gatewayKeys = before.gatewayKeys().equals(applied.gatewayKeys()) ? null
            : KeySwap.storeGatewayKeys(targets.gatewayKeys(), applied.gatewayKeys());
        // Then memory, in an order that never leaves a request without a key or a provider.
        nextProviders.commit().run();
        nextRoutes.commit().run();
        providerKeys.addNew();
        if (gatewayKeys != null) {
          KeySwap.swapGatewayKeys(targets.registry(), gatewayKeys);
        }
        targets.routes().update(current -> current.withProviders(nextProviders.next()).withRoutes(nextRoutes.next())
            .withRouting(applied.routing()));
        providerKeys.dropStale();
      }
    }
  }

  private static Set<String> ids(List<ProviderConfig> providers) {
    Set<String> out = new HashSet<>();
    providers.forEach(p -> out.add(p.id()));
    return out;
  }

  /** A provider key of the file, named {@code provider/key}. */
  private record FileKey(String name, Object content) {}

  private static List<FileKey> fileKeys(GatewayConfig config) {
    List<FileKey> out = new ArrayList<>();
    for (ProviderConfig p : config.providers()) {
      p.keys().forEach(k -> out.add(new FileKey(p.id() + "/" + k.name(), k)));
    }
    return out;
  }
}
