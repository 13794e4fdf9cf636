package dev.keypool.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three layers of a per-model setting (prices, model limits): {@code shipped} defaults, the config
 * file's section laid over them (together: the base), and {@code runtime} changes made through the
 * admin API and stored in the database, on top.
 */
public final class Layers {
  public static final String SHIPPED = "shipped";
  public static final String FILE = "file";
  public static final String RUNTIME = "runtime";

  private Layers() {}

  /**
   * The effective values: {@code base} with each run-time override applied; an override is a value, or
   * empty for a model whose value was removed at run time.
   */
  public static <V> Map<String, V> apply(Map<String, V> base, Map<String, Optional<V>> overrides) {
    Map<String, V> out = new HashMap<>(base);
    overrides.forEach((model, value) -> {
      String id = ModelIds.normalize(model);
      if (value.isPresent()) {
        out.put(id, value.get());
      } else {
        out.remove(id);
      }
    });
    return out;
  }

  /** Which layer {@code value}, the effective value of {@code model}, comes from: {@code runtime} when it differs from the base. */
  public static <V> String layer(String model, V value, Map<String, V> base, Set<String> fileModels) {
    return value.equals(base.get(model)) ? baseLayer(model, fileModels) : RUNTIME;
  }

  /** {@code file} for a model the file's section names, else {@code shipped}. */
  public static String baseLayer(String model, Set<String> fileModels) {
    return fileModels.contains(model) ? FILE : SHIPPED;
  }
}
