package dev.keypool.quota;

import dev.keypool.gatewaykey.GatewayKey;
import java.util.List;

/**
 * Who owns a gateway key and which rules are set on the key, its user or its org beyond the
 * configured defaults. A running gateway answers from its users and orgs in memory
 * ({@code tenancy.DirectoryTenancy}); {@link LimitResolver} and the prepaid balance check follow
 * whatever it answers. {@link #NONE} is for quota engines used without tenants.
 */
@FunctionalInterface
public interface Tenancy {

  /** Nobody owns any key and no key has rules of its own: only the configured defaults apply. */
  Tenancy NONE = key -> Owner.NONE;

  Owner ownerOf(GatewayKey key);

  /**
   * @param userId the user the key belongs to, or null
   * @param orgId the org the key belongs to, or null
   * @param rules rules set specifically on this key, its user or its org; they apply together with
   *     the defaults (the smallest max of a counter binds)
   */
  record Owner(String userId, String orgId, List<ScopedRules> rules) {
    public static final Owner NONE = new Owner(null, null, List.of());

    public Owner {
      rules = List.copyOf(rules);
    }
  }

  /** Rules for one subject: {@code rules} applied to {@code (scope, id)}. */
  record ScopedRules(LimitScope scope, String id, LimitRules rules) {}
}
