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
 * routes (store first, then here) and by the periodic refresh, as users are; the file's part
 * ({@code billing}) is swapped whole by a configuration reload ({@link #replaceFile}).
 */
public final class UserGroups implements SellMultiplier {
  private final Directory directory;
  private volatile FileGroups file;
  private final Map<String, UserGroup> stored = new ConcurrentHashMap<>();

  /** What {@code billing} in the file says: one immutable version, so a caller never pays by a mix of two. */
  private record FileGroups(BigDecimal globalMultiplier, String defaultGroup, Map<String, UserGroup> configured) {
    static FileGroups of(BillingConfig billing) {
      Map<String, UserGroup> fromFile = new LinkedHashMap<>();
      billing.groups().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> fromFile.put(e.getKey(),
          new UserGroup(e.getKey(), e.getValue().name(), e.getValue().sellMultiplier(), true, null, null)));
      return new FileGroups(billing.sellMultiplier(), billing.defaultGroup(), Collections.unmodifiableMap(fromFile));
    }
  }

  public UserGroups(BillingConfig billing, Directory directory) {
    this.directory = directory;
    this.file = FileGroups.of(billing);
  }

  /** Takes a reloaded file's {@code billing}: its multiplier, default group and groups; stored groups stay. */
  public void replaceFile(BillingConfig billing) {
    file = FileGroups.of(billing);
  }

  @Override
  public BigDecimal forUser(String userId) {
    FileGroups f = file;
    User user = directory.user(userId);
    UserGroup group = find(f, user == null ? null : user.groupId());
    if (group == null) {
      group = find(f, f.defaultGroup());
    }
    return group == null ? f.globalMultiplier() : group.sellMultiplier();
  }

  /** The group by id, from the file or stored; null when unknown. */
  public UserGroup find(String id) {
    return find(file, id);
  }

  private UserGroup find(FileGroups f, String id) {
    if (id == null) {
      return null;
    }
    UserGroup g = f.configured().get(id);
    return g != null ? g : stored.get(id);
  }

  /** The file's groups by id, then the stored ones, oldest first. */
  public List<UserGroup> all() {
    List<UserGroup> out = new ArrayList<>(file.configured().values());
    stored.values().stream().sorted((a, b) -> a.createdAt().equals(b.createdAt()) ? a.id().compareTo(b.id())
        : a.createdAt().compareTo(b.createdAt())).forEach(out::add);
    return out;
  }

  public boolean configured(String id) {
    return file.configured().containsKey(id);
  }

  public String defaultGroup() {
    return file.defaultGroup();
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
