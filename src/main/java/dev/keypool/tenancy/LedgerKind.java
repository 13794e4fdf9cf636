package dev.keypool.tenancy;

import dev.keypool.gatewaykey.WireNames;

/** Why a balance changed: an operator's top-up or deduction, a settled request's charge, or its refund. */
public enum LedgerKind {
  TOP_UP,
  DEDUCT,
  CHARGE,
  REFUND;

  public String wire() {
    return WireNames.of(this);
  }

  public static LedgerKind parse(String word) {
    return WireNames.parse(LedgerKind.class, word, "kind");
  }
}
