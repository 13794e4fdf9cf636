package dev.keypool.billing;

import dev.keypool.catalog.ModelIds;
import dev.keypool.catalog.ModelTable;
import java.util.Map;
import java.util.Optional;

/**
 * The price of every known model, looked up by the model id a request was served with. Lookup tries
 * the id as given, then without its provider prefix, then without a date suffix (see
 * {@link ModelIds}), so {@code anthropic/claude-sonnet-4-5-20250929} finds {@code claude-sonnet-4-5}.
 * No prefix matching: a price is only charged for a model it was declared for.
 *
 * <p>The shipped defaults come from {@link #defaults()}; the config's {@code prices:} section is laid
 * over them with {@link #withOverrides}; {@link #put} and {@link #remove} change prices at run time.
 * Reads are lock-free (see {@link ModelTable}).
 */
public final class PriceTable {

  /** The resource that holds the shipped list prices. */
  public static final String DEFAULTS_RESOURCE = "/prices/default-prices.yaml";

  private final ModelTable<Price> prices;

  /** A table of exactly these prices; ids are lower-cased. */
  public PriceTable(Map<String, Price> prices) {
    this.prices = new ModelTable<>(prices, false);
  }

  /** A new table with the shipped list prices of {@value #DEFAULTS_RESOURCE}. */
  public static PriceTable defaults() {
    return new PriceTable(PriceFile.readResource(DEFAULTS_RESOURCE));
  }

  /** A new table with these prices added to this table's; an override wins over a price of the same id. */
  public PriceTable withOverrides(Map<String, Price> overrides) {
    return new PriceTable(ModelTable.merged(prices.snapshot(), overrides));
  }

  /** The price of {@code model}, or empty when no id it may be priced under is known. */
  public Optional<Price> find(String model) {
    return prices.find(model);
  }

  /** Sets the price of exactly {@code model} (lower-cased), replacing any it had. */
  public void put(String model, Price price) {
    prices.put(model, price);
  }

  /** Removes the price of exactly {@code model}; returns the price it had, if any. */
  public Optional<Price> remove(String model) {
    return prices.remove(model);
  }

  /** Replaces every price at once (ids are lower-cased); readers see the old table or the new one. */
  public void replaceAll(Map<String, Price> next) {
    prices.replaceAll(next);
  }

  /** The id {@code model} is stored under: lower-cased and trimmed. */
  public static String idOf(String model) {
    return ModelIds.normalize(model);
  }

  /** Every price by model id, as of now: an immutable snapshot. */
  public Map<String, Price> snapshot() {
    return prices.snapshot();
  }
}
