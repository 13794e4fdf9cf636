package dev.keypool.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binds and validates the {@code billing} section, its user groups included. */
final class BillingBinder {

  private BillingBinder() {}

  static BillingConfig bind(FieldReader r) {
    var multiplier = r.decimal("sell_multiplier", ConfigDefaults.SELL_MULTIPLIER, "");
    Map<String, BillingConfig.Group> groups = new LinkedHashMap<>();
    Map<String, FieldReader> declared = r.entries("groups");
    for (var e : declared.entrySet()) {
      FieldReader g = e.getValue();
      if (!BillingConfig.GROUP_ID.matcher(e.getKey()).matches()) {
        r.errors().add(g.path(), "a group id must be 1-64 of a-z 0-9 _ . - starting with a letter or digit");
      }
      String name = g.string("name", e.getKey()).trim();
      BigDecimal groupMultiplier = g.decimal("sell_multiplier", null, "what the group's users are charged per USD"
          + " of cost, e.g. 1.2");
      g.finish();
      if (groupMultiplier != null) {
        groups.put(e.getKey(), new BillingConfig.Group(name.isEmpty() ? e.getKey() : name, groupMultiplier));
      }
    }
    String defaultGroup = r.string("default_group", "").trim();
    // A declared group that failed its own checks is reported there, not again here.
    if (!defaultGroup.isEmpty() && !declared.containsKey(defaultGroup)) {
      r.errors().add(r.path("default_group"), "must name a group of billing.groups (was \"" + defaultGroup
          + "\"; declared: " + declared.keySet() + ")");
    }
    r.finish();
    return new BillingConfig(multiplier, groups, defaultGroup.isEmpty() ? null : defaultGroup);
  }
}
