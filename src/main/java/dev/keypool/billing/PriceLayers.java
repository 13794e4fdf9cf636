package dev.keypool.billing;

import dev.keypool.catalog.Layers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective prices: the base (shipped defaults with the file's {@code prices:} laid over them) with
 * the run-time overrides on top. An override is a price, or empty for a model whose price was removed.
 * The layering itself is {@link Layers}', shared with the model limits catalog.
 */
public final class PriceLayers {

  private PriceLayers() {}

  public static Map<String, Price> apply(Map<String, Price> base, Map<String, Optional<Price>> overrides) {
    return Layers.apply(base, overrides);
  }

  /**
   * Which layer {@code price}, the effective price of {@code model}, comes from: {@code runtime} when it
   * differs from the base, else {@link #baseLayer}.
   */
  public static String layer(String model, Price price, Map<String, Price> base, Set<String> fileModels) {
    return Layers.layer(model, price, base, fileModels);
  }

  /** {@code file} for a model the file's {@code prices:} section prices, else {@code shipped}. */
  public static String baseLayer(String model, Set<String> fileModels) {
    return Layers.baseLayer(model, fileModels);
  }
}
