package dev.keypool.tenancy;

import java.util.Locale;

/** Why a balance changed: an operator's top-up or deduction, a settled request's charge, or its refund. */
public enum LedgerKind {
  TOP_UP,
  DEDUCT,
  CHARGE,
  REFUND;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LedgerKind parse(String word) {
    for (LedgerKind k : values()) {
      if (k.wire().equals(word)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + word + "' (allowed: top_up, deduct, charge, refund)");
  }
}
