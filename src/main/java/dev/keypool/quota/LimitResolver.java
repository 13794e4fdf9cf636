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
  private final QuotasConfig config;
  private final Tenancy tenancy;
  private final ConcurrentHashMap<String, KeyLimits> byKey = new ConcurrentHashMap<>();

  /** The key's own limits and its owner, as cached. */
  public record KeyLimits(Tenancy.Owner owner, List<Limit> limits) {}

  public LimitResolver(QuotasConfig config, Tenancy tenancy) {
    this.config = config;
    this.tenancy = tenancy;
  }

  /** Every limit of a request by {@code key} from {@code clientIp} (null when unknown). */
  public List<Limit> limits(GatewayKey key, String clientIp) {
    List<Limit> keyLimits = forKey(key).limits();
    if (clientIp == null || config.clientIp().isEmpty()) {
      return keyLimits;
    }
    List<Limit> all = new ArrayList<>(keyLimits.size() + config.clientIp().rules().size());
    all.addAll(keyLimits);
    all.addAll(config.clientIp().forSubject(LimitScope.CLIENT_IP, clientIp));
    return all;
  }

  /** The key's limits without any client IP, and its owner (cached per key id). */
  public KeyLimits forKey(GatewayKey key) {
    KeyLimits cached = byKey.get(key.id());
    if (cached != null) {
      return cached;
    }
    return byKey.computeIfAbsent(key.id(), id -> build(key));
  }

  /** Forgets what was built for {@code keyId}, after its owner or rules changed. */
  public void invalidate(String keyId) {
    byKey.remove(keyId);
  }

  public void invalidateAll() {
    byKey.clear();
  }

  private KeyLimits build(GatewayKey key) {
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
