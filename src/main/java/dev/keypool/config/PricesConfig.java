package dev.keypool.config;

import dev.keypool.billing.Price;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices declared in the file, by model id, in USD per million tokens. They are laid over the
 * shipped defaults ({@link dev.keypool.billing.PriceTable#withOverrides}): a model listed here is
 * priced as listed here. Empty when the file has no {@code prices:} section.
 */
public record PricesConfig(Map<String, Price> models) {

  public PricesConfig {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }
}
