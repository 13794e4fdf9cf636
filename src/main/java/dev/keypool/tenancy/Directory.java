package dev.keypool.tenancy;

import dev.keypool.gatewaykey.GatewayKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    users.compute(u.id(), (id, old) -> old == null ? new Entry(u, 0)
        : new Entry(u.withBalance(old.user().balanceNanos()), old.ledgerId()));
  }

  public void removeUser(String id) {
    users.remove(id);
  }

  public void putOrg(Org org) {
    orgs.put(org.id(), org);
  }

  public void removeOrg(String id) {
    orgs.remove(id);
  }

  /** Records a balance as of a ledger entry, unless a later entry was applied already. */
  public void applyBalance(LedgerEntry entry) {
    users.computeIfPresent(entry.userId(), (id, old) -> entry.id() > old.ledgerId()
        ? new Entry(old.user().withBalance(entry.balanceAfterNanos()), entry.id()) : old);
  }

  public void applyBalances(Collection<LedgerEntry> entries) {
    entries.forEach(this::applyBalance);
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
