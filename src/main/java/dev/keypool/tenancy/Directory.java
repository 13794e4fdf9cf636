package dev.keypool.tenancy;

import dev.keypool.gatewaykey.GatewayKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Users and orgs in memory, by id, so the request path never touches the database: loaded at start,
 * kept in step by the admin routes (store first, then here). Reads are lock-free map lookups.
 *
 * <p>Balances change concurrently (operators' top-ups, batches of settled charges), and the results
 * may arrive here out of order; each user's balance remembers the ledger id it came from, and an
 * older one never overwrites a newer one. A change of the user's other fields keeps the balance.
 */
public final class Directory {
  private record Entry(User user, long ledgerId) {}

  private final Map<String, Entry> users = new ConcurrentHashMap<>();
  private final Map<String, Org> orgs = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Runs {@code listener} after a change of a user's or org's limits or org membership (not of balances). */
  public void onLimitsChange(Runnable listener) {
    listeners.add(listener);
  }

  public void load(Collection<User> allUsers, Collection<Org> allOrgs) {
    allOrgs.forEach(o -> orgs.put(o.id(), o));
    allUsers.forEach(u -> users.put(u.id(), new Entry(u, 0)));
  }

  public User user(String id) {
    Entry e = id == null ? null : users.get(id);
    return e == null ? null : e.user();
  }

  public Org org(String id) {
    return id == null ? null : orgs.get(id);
  }

  public List<User> users() {
    return users.values().stream().map(Entry::user).toList();
  }

  /** Adds a user or changes its fields; an existing balance is kept (balances change through {@link #applyBalance}). */
  public void putUser(User u) {
    Entry old = users.get(u.id());
    users.compute(u.id(), (id, o) -> o == null ? new Entry(u, 0)
        : new Entry(u.withBalance(o.user().balanceNanos()), o.ledgerId()));
    if (old == null || !Objects.equals(old.user().orgId(), u.orgId()) || !old.user().limits().equals(u.limits())) {
      changed();
    }
  }

  public void removeUser(String id) {
    if (users.remove(id) != null) {
      changed();
    }
  }

  public void putOrg(Org org) {
    Org old = orgs.put(org.id(), org);
    if (old == null || !old.limits().equals(org.limits())) {
      changed();
    }
  }

  public void removeOrg(String id) {
    if (orgs.remove(id) != null) {
      changed();
    }
  }

  /**
   * Takes users and orgs as another instance may have changed them in the shared database: fields,
   * additions and removals, and balances as of {@code balances} (never older than what is known).
   */
  public void refresh(Collection<User> allUsers, Collection<Org> allOrgs, Collection<BalanceSnapshot> balances) {
    // A read that started before this instance changed a user or org must not undo the change.
    allOrgs.stream().filter(o -> newer(o.updatedAt(), org(o.id()) == null ? null : org(o.id()).updatedAt()))
        .forEach(this::putOrg);
    Set<String> orgIds = allOrgs.stream().map(Org::id).collect(Collectors.toSet());
    List.copyOf(orgs.keySet()).stream().filter(id -> !orgIds.contains(id)).forEach(this::removeOrg);
    allUsers.stream().filter(u -> newer(u.updatedAt(), user(u.id()) == null ? null : user(u.id()).updatedAt()))
        .forEach(this::putUser);
    Set<String> userIds = allUsers.stream().map(User::id).collect(Collectors.toSet());
    List.copyOf(users.keySet()).stream().filter(id -> !userIds.contains(id)).forEach(this::removeUser);
    balances.forEach(this::applyBalance);
  }

  /** Records a balance as of a ledger entry, unless a later entry was applied already. */
  public void applyBalance(LedgerEntry entry) {
    users.computeIfPresent(entry.userId(), (id, old) -> entry.id() > old.ledgerId()
        ? new Entry(old.user().withBalance(entry.balanceAfterNanos()), entry.id()) : old);
  }

  /**
   * Records a balance read from the database. Unlike a ledger entry, a read as of the same last entry
   * also applies: a later read is never staler, and it may include a change whose ledger id is lower
   * but which committed later (ids are taken before commit).
   */
  public void applyBalance(BalanceSnapshot read) {
    users.computeIfPresent(read.userId(), (id, old) -> read.lastLedgerId() >= old.ledgerId()
        ? new Entry(old.user().withBalance(read.balanceNanos()), read.lastLedgerId()) : old);
  }

  public void applyBalances(Collection<LedgerEntry> entries) {
    entries.forEach(this::applyBalance);
  }

  private static boolean newer(java.time.Instant read, java.time.Instant known) {
    return known == null || read == null || !read.isBefore(known);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }

  /** The org whose limits and status cover a key: its own org, else its owner's, else null. */
  public Org effectiveOrg(GatewayKey key) {
    if (key.orgId() != null) {
      return org(key.orgId());
    }
    User owner = user(key.userId());
    return owner == null ? null : org(owner.orgId());
  }
}
