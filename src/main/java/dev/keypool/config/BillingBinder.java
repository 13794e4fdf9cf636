package dev.keypool.config;

/** Binds and validates the {@code billing} section. */
final class BillingBinder {

  private BillingBinder() {}

  static BillingConfig bind(FieldReader r) {
    var multiplier = r.decimal("sell_multiplier", ConfigDefaults.SELL_MULTIPLIER, "");
    r.finish();
    return new BillingConfig(multiplier);
  }
}
