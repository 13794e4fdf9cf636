package dev.keypool.quota;

import dev.keypool.config.QuotasConfig;
import dev.keypool.gatewaykey.GatewayKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits one request is held to: the configured defaults for its gateway key, the key's user and
 * org (when {@link Tenancy} names them), rules set on any of those, and the defaults for its client IP.
 *
 * <p>Everything but the IP part depends on the key alone, so it is built once per key id and cached;
 * call {@link #invalidate} when a key's owner or rules change. The IP part is a handful of records per
 * request, not cached, as addresses are unbounded.
 */
public final class LimitResolver {
  private final Tenancy tenancy;
  /** The default rules and what was built from them, swapped together so no stale build outlives a reload. */
  private volatile Defaults defaults;

  private record Defaults(QuotasConfig config, ConcurrentHashMap<String, KeyLimits> byKey) {
    Defaults(QuotasConfig config) {
      this(config, new ConcurrentHashMap<>());
    }
  }

  /** The key's own limits and its owner, as cached. */
  public record KeyLimits(Tenancy.Owner owner, List<Limit> limits) {}

  public LimitResolver(QuotasConfig config, Tenancy tenancy) {
    this.defaults = new Defaults(config);
    this.tenancy = tenancy;
  }

  /**
   * Takes the default rules of a reloaded configuration (only the rules per scope are read from it):
   * the next request is held to them, as every cached key's limits are dropped.
   */
  public void replaceDefaults(QuotasConfig next) {
    this.defaults = new Defaults(next);
  }

  /** Every limit of a request by {@code key} from {@code clientIp} (null when unknown). */
  public List<Limit> limits(GatewayKey key, String clientIp) {
    Defaults d = defaults; // one version of the defaults for the whole request
    List<Limit> keyLimits = forKey(d, key).limits();
    LimitRules ipRules = d.config().clientIp();
    if (clientIp == null || ipRules.isEmpty()) {
      return keyLimits;
    }
    List<Limit> all = new ArrayList<>(keyLimits.size() + ipRules.rules().size());
    all.addAll(keyLimits);
    all.addAll(ipRules.forSubject(LimitScope.CLIENT_IP, clientIp));
    return all;
  }

  /** The key's limits without any client IP, and its owner (cached per key id). */
  public KeyLimits forKey(GatewayKey key) {
    return forKey(defaults, key);
  }

  private KeyLimits forKey(Defaults d, GatewayKey key) {
    KeyLimits cached = d.byKey().get(key.id());
    if (cached != null) {
      return cached;
    }
    return d.byKey().computeIfAbsent(key.id(), id -> build(d.config(), key));
  }

  /** Forgets what was built for {@code keyId}, after its owner or rules changed. */
  public void invalidate(String keyId) {
    defaults.byKey().remove(keyId);
  }

  public void invalidateAll() {
    defaults.byKey().clear();
  }

  private KeyLimits build(QuotasConfig config, GatewayKey key) {
    Tenancy.Owner owner = tenancy.ownerOf(key);
    List<Limit> limits = new ArrayList<>(config.gatewayKey().forSubject(LimitScope.GATEWAY_KEY, key.id()));
    if (owner.userId() != null) {
      limits.addAll(config.user().forSubject(LimitScope.USER, owner.userId()));
    }
    if (owner.orgId() != null) {
      limits.addAll(config.org().forSubject(LimitScope.ORG, owner.orgId()));
    }
    for (Tenancy.ScopedRules r : owner.rules()) {
      limits.addAll(r.rules().forSubject(r.scope(), r.id()));
    }
    return new KeyLimits(owner, List.copyOf(limits));
  }
}
