package dev.keypool.tenancy;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.quota.LimitRules;
import dev.keypool.quota.LimitScope;
import dev.keypool.quota.Tenancy;
import java.util.ArrayList;
import java.util.List;

/**
 * Owners and rules of gateway keys from the in-memory {@link Directory}: the key's user, the org that
 * covers it (its own, else its user's), and the limits set on the key, the user and the org. The
 * configured {@code quotas.user} and {@code quotas.org} defaults are added by the resolver.
 */
public final class DirectoryTenancy implements Tenancy {
  private final Directory directory;

  public DirectoryTenancy(Directory directory) {
    this.directory = directory;
  }

  @Override
  public Owner ownerOf(GatewayKey key) {
    List<ScopedRules> rules = new ArrayList<>(3);
    add(rules, LimitScope.GATEWAY_KEY, key.id(), key.limits());
    User user = directory.user(key.userId());
    // A key may name a user the directory does not know (deleted meanwhile): no user limits then.
    String userId = user == null ? null : user.id();
    if (user != null) {
      add(rules, LimitScope.USER, user.id(), user.limits());
    }
    Org org = directory.effectiveOrg(key);
    String orgId = org == null ? null : org.id();
    if (org != null) {
      add(rules, LimitScope.ORG, org.id(), org.limits());
    }
    return new Owner(userId, orgId, rules);
  }

  private static void add(List<ScopedRules> rules, LimitScope scope, String id, LimitRules limits) {
    if (limits != null && !limits.isEmpty()) {
      rules.add(new ScopedRules(scope, id, limits));
    }
  }
}
