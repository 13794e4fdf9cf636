package dev.keypool.billing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The base of the price table: the shipped defaults with the file's {@code prices:} laid over them, and
 * which models the file prices. One immutable version at a time, swapped whole when a configuration
 * reload brings other file prices; the effective {@link PriceTable} is the base with the run-time layer
 * on top, rebuilt here so that a reload and a run-time reset never interleave.
 */
public final class PriceBase {

  /** One version of the base: prices by id, and the ids the file's {@code prices:} section prices. */
  public record Version(Map<String, Price> prices, Set<String> fileModels) {
    public Version {
      prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
      fileModels = Set.copyOf(fileModels);
    }

    /** The shipped defaults with {@code file} (the file's {@code prices:}) laid over them. */
    public static Version of(Map<String, Price> file) {
      return new Version(PriceTable.defaults().withOverrides(file).snapshot(),
          file.keySet().stream().map(PriceTable::idOf).collect(Collectors.toUnmodifiableSet()));
    }
  }

  private volatile Version current;

  public PriceBase(Version initial) {
    this.current = initial;
  }

  public Version current() {
    return current;
  }

  /** Gives {@code table} the current base with {@code overrides} (the run-time layer) on top. */
  public synchronized void relayer(PriceTable table, Map<String, Optional<Price>> overrides) {
    table.replaceAll(PriceLayers.apply(current.prices(), overrides));
  }

  /** Makes {@code next} the base, then rebuilds {@code table} from it and {@code overrides}. No I/O. */
  public synchronized void replace(Version next, PriceTable table, Map<String, Optional<Price>> overrides) {
    current = next;
    relayer(table, overrides);
  }
}
