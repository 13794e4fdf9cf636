package dev.keypool.billing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective prices: the base (shipped defaults with the file's {@code prices:} laid over them) with
 * the run-time overrides on top. An override is a price, or empty for a model whose price was removed.
 */
public final class PriceLayers {

  private PriceLayers() {}

  public static Map<String, Price> apply(Map<String, Price> base, Map<String, Optional<Price>> overrides) {
    Map<String, Price> out = new HashMap<>(base);
    overrides.forEach((model, price) -> {
      String id = PriceTable.idOf(model);
      if (price.isPresent()) {
        out.put(id, price.get());
      } else {
        out.remove(id);
      }
    });
    return out;
  }

  /**
   * Which layer {@code price}, the effective price of {@code model}, comes from: {@code runtime} when it
   * differs from the base, else {@link #baseLayer}.
   */
  public static String layer(String model, Price price, Map<String, Price> base, Set<String> fileModels) {
    return price.equals(base.get(model)) ? baseLayer(model, fileModels) : "runtime";
  }

  /** {@code file} for a model the file's {@code prices:} section prices, else {@code shipped}. */
  public static String baseLayer(String model, Set<String> fileModels) {
    return fileModels.contains(model) ? "file" : "shipped";
  }
}
