package dev.keypool.tenancy;

import dev.keypool.billing.SellMultiplier;
import dev.keypool.config.BillingConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The user groups in memory, the file's and the stored ones, and the sell multiplier each caller pays:
 * the group of the key's user, else {@code billing.default_group}, else {@code billing.sell_multiplier}.
 * A user naming a group that no longer exists pays as if it named none. Kept in step by the admin
 * routes (store first, then here) and by the periodic refresh, as users are.
 */
public final class UserGroups implements SellMultiplier {
  private final Directory directory;
  private final BigDecimal globalMultiplier;
  private final String defaultGroup;
  private final Map<String, UserGroup> configured;
  private final Map<String, UserGroup> stored = new ConcurrentHashMap<>();

  public UserGroups(BillingConfig billing, Directory directory) {
    this.directory = directory;
    this.globalMultiplier = billing.sellMultiplier();
    this.defaultGroup = billing.defaultGroup();
    Map<String, UserGroup> fromFile = new LinkedHashMap<>();
    billing.groups().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> fromFile.put(e.getKey(),
        new UserGroup(e.getKey(), e.getValue().name(), e.getValue().sellMultiplier(), true, null, null)));
    this.configured = Collections.unmodifiableMap(fromFile);
  }

  @Override
  public BigDecimal forUser(String userId) {
    User user = directory.user(userId);
    UserGroup group = find(user == null ? null : user.groupId());
    if (group == null) {
      group = find(defaultGroup);
    }
    return group == null ? globalMultiplier : group.sellMultiplier();
  }

  /** The group by id, from the file or stored; null when unknown. */
  public UserGroup find(String id) {
    if (id == null) {
      return null;
    }
    UserGroup g = configured.get(id);
    return g != null ? g : stored.get(id);
  }

  /** The file's groups by id, then the stored ones, oldest first. */
  public List<UserGroup> all() {
    List<UserGroup> out = new ArrayList<>(configured.values());
    stored.values().stream().sorted((a, b) -> a.createdAt().equals(b.createdAt()) ? a.id().compareTo(b.id())
        : a.createdAt().compareTo(b.createdAt())).forEach(out::add);
    return out;
  }

  public boolean configured(String id) {
    return configured.containsKey(id);
  }

  public String defaultGroup() {
    return defaultGroup;
  }

  public void load(Collection<UserGroup> all) {
    all.forEach(this::put);
  }

  public void put(UserGroup group) {
    stored.put(group.id(), group);
  }

  public void remove(String id) {
    stored.remove(id);
  }

  /**
   * Takes the stored groups as read at {@code readAt} (other instances' changes included). A read that
   * started before this instance changed a group must not undo the change: older rows do not replace
   * newer ones, and a group changed here since the read began is kept even when the read lacks it.
   */
  public void refresh(Collection<UserGroup> read, Instant readAt) {
    for (UserGroup g : read) {
      stored.merge(g.id(), g, (known, fresh) -> fresh.updatedAt().isBefore(known.updatedAt()) ? known : fresh);
    }
    Set<String> ids = read.stream().map(UserGroup::id).collect(Collectors.toSet());
    stored.values().removeIf(g -> !ids.contains(g.id()) && g.updatedAt().isBefore(readAt));
  }
}
