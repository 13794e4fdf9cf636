package dev.keypool.billing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of every known model, looked up by the model id a request was served with. Lookup tries
 * the id as given, then without its provider prefix, then without a date suffix (see
 * {@link ModelIds}), so {@code anthropic/claude-sonnet-4-5-20250929} finds {@code claude-sonnet-4-5}.
 *
 * <p>The shipped defaults come from {@link #defaults()}; the config's {@code prices:} section is laid
 * over them with {@link #withOverrides}; {@link #put} and {@link #remove} change prices at run time.
 * Reads are lock-free on an immutable map that writers replace (copy-on-write): prices change rarely
 * and are read on every request.
 */
public final class PriceTable {

  /** The resource that holds the shipped list prices. */
  public static final String DEFAULTS_RESOURCE = "/prices/default-prices.yaml";

  private volatile Map<String, Price> prices;

  /** A table of exactly these prices; ids are lower-cased. */
  public PriceTable(Map<String, Price> prices) {
    Map<String, Price> copy = new HashMap<>();
    prices.forEach((model, price) -> copy.put(ModelIds.normalize(model), price));
    this.prices = Map.copyOf(copy);
  }

  /** A new table with the shipped list prices of {@value #DEFAULTS_RESOURCE}. */
  public static PriceTable defaults() {
    return new PriceTable(PriceFile.readResource(DEFAULTS_RESOURCE));
  }

  /** A new table with these prices added to this table's; an override wins over a price of the same id. */
  public PriceTable withOverrides(Map<String, Price> overrides) {
    Map<String, Price> merged = new HashMap<>(prices);
    overrides.forEach((model, price) -> merged.put(ModelIds.normalize(model), price));
    return new PriceTable(merged);
  }

  /** The price of {@code model}, or empty when no id it may be priced under is known. */
  public Optional<Price> find(String model) {
    if (model == null || model.isBlank()) {
      return Optional.empty();
    }
    Map<String, Price> current = prices;
    Price exact = current.get(ModelIds.normalize(model));
    if (exact != null) {
      return Optional.of(exact);
    }
    for (String id : ModelIds.candidates(model)) {
      Price price = current.get(id);
      if (price != null) {
        return Optional.of(price);
      }
    }
    return Optional.empty();
  }

  /** Sets the price of exactly {@code model} (lower-cased), replacing any it had. */
  public synchronized void put(String model, Price price) {
    Map<String, Price> next = new HashMap<>(prices);
    next.put(ModelIds.normalize(model), Objects.requireNonNull(price, "price"));
    prices = Map.copyOf(next);
  }

  /** Removes the price of exactly {@code model}; returns the price it had, if any. */
  public synchronized Optional<Price> remove(String model) {
    String id = ModelIds.normalize(model);
    if (!prices.containsKey(id)) {
      return Optional.empty();
    }
    Map<String, Price> next = new HashMap<>(prices);
    Price removed = next.remove(id);
    prices = Map.copyOf(next);
    return Optional.of(removed);
  }

  /** Replaces every price at once (ids are lower-cased); readers see the old table or the new one. */
  public synchronized void replaceAll(Map<String, Price> next) {
    Map<String, Price> copy = new HashMap<>();
    next.forEach((model, price) -> copy.put(ModelIds.normalize(model), price));
    prices = Map.copyOf(copy);
  }

  /** The id {@code model} is stored under: lower-cased and trimmed. */
  public static String idOf(String model) {
    return ModelIds.normalize(model);
  }

  /** Every price by model id, as of now: an immutable snapshot. */
  public Map<String, Price> snapshot() {
    return prices;
  }
}
