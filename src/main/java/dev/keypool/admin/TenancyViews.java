package dev.keypool.admin;

import dev.keypool.tenancy.LedgerEntry;
import dev.keypool.tenancy.Org;
import dev.keypool.tenancy.Usd;
import dev.keypool.tenancy.User;
import java.util.Map;

/** Users, orgs and ledger entries as the admin API shows them: money as decimal US dollar strings. */
final class TenancyViews {
  private TenancyViews() {}

  record UserView(String id, String name, String email, String status, String orgId, boolean prepaid,
      String balanceUsd, Map<String, Object> limits, String createdAt, String updatedAt, String group) {
    static UserView of(User u) {
      return new UserView(u.id(), u.name(), u.email(), u.status().wire(), u.orgId(), u.prepaid(),
          Usd.format(u.balanceNanos()), u.limits().toMap(), GatewayKeyView.str(u.createdAt()), GatewayKeyView.str(u.updatedAt()),
          u.groupId());
    }
  }

  record OrgView(String id, String name, String status, Map<String, Object> limits, String createdAt, String updatedAt) {
    static OrgView of(Org o) {
      return new OrgView(o.id(), o.name(), o.status().wire(), o.limits().toMap(), GatewayKeyView.str(o.createdAt()),
          GatewayKeyView.str(o.updatedAt()));
    }
  }

  record EntryView(long id, String amountUsd, String balanceAfterUsd, String kind, String note, String requestId,
      String createdAt) {
    static EntryView of(LedgerEntry e) {
      return new EntryView(e.id(), Usd.format(e.deltaNanos()), Usd.format(e.balanceAfterNanos()), e.kind().wire(),
          e.note(), e.requestId(), GatewayKeyView.str(e.createdAt()));
    }
  }

  /** A balance and one page of its history, newest first. */
  record BalanceView(String userId, String balanceUsd, boolean prepaid, Paging.Listing<EntryView> history) {}

  /** The answer to a top-up or deduction: the new balance and the ledger entry written. */
  record AdjustedView(String userId, String balanceUsd, EntryView entry) {}
}
