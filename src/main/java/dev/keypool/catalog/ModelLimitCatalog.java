package dev.keypool.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The limits of known models (context window, largest output cap), in the three layers prices have:
 * shipped ({@value #DEFAULTS_RESOURCE}), the file's {@code model_limits:} laid over them (together the
 * base), and run-time overrides from the admin API on top. Lookup matches ids like prices do, plus the
 * longest known prefix (see {@link ModelTable}). Reads are lock-free; {@link #applyOverrides} swaps
 * the effective table at once, and {@link #replaceFile} the file's layer (a configuration reload).
 */
public final class ModelLimitCatalog {
  /** The resource that holds the shipped limits. */
  public static final String DEFAULTS_RESOURCE = "/models/model-limits.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The shipped limits, kept to lay another file layer over them on a reload. */
  private final Map<String, ModelLimits> shipped;
  private volatile Base base;
  private final ModelTable<ModelLimits> effective;

  /** The entries without run-time overrides, and the ids the file's layer names: swapped as one. */
  private record Base(Map<String, ModelLimits> entries, Set<String> fileModels) {
    static Base of(Map<String, ModelLimits> shipped, Map<String, ModelLimits> file) {
      return new Base(ModelTable.merged(shipped, file),
          file.keySet().stream().map(ModelIds::normalize).collect(Collectors.toUnmodifiableSet()));
    }
  }

  /**
   * @param shipped the shipped limits
   * @param file the file's {@code model_limits:}, laid over {@code shipped}
   */
  public ModelLimitCatalog(Map<String, ModelLimits> shipped, Map<String, ModelLimits> file) {
    this.shipped = shipped;
    this.base = Base.of(shipped, file);
    this.effective = new ModelTable<>(base.entries(), true);
  }

  /** The shipped catalog with the file's {@code model_limits:} laid over it, no run-time overrides yet. */
  public static ModelLimitCatalog withFile(Map<String, ModelLimits> file) {
    return new ModelLimitCatalog(shipped(), file);
  }

  /** The limits of {@code model} (a target's upstream model name), or empty for a model not in the catalog. */
  public Optional<ModelLimits> find(String model) {
    return effective.find(model);
  }

  /** The largest output cap {@code model} accepts, or -1 when unknown. */
  public long maxOutputTokens(String model) {
    return find(model).filter(ModelLimits::knowsMaxOutput).map(ModelLimits::maxOutputTokens).orElse(-1L);
  }

  /** The catalog id {@code model} matches, or null. */
  public String matchedId(String model) {
    return effective.matchedId(model);
  }

  /** Every effective entry by id (immutable). */
  public Map<String, ModelLimits> snapshot() {
    return effective.snapshot();
  }

  /** The entries without run-time overrides. */
  public Map<String, ModelLimits> base() {
    return base.entries();
  }

  /**
   * Lays {@code overrides} (by id) over the base, replacing the previous run-time layer. Synchronized
   * with {@link #replaceFile}, so a reload's new base and a run-time reset never interleave.
   */
  public synchronized void applyOverrides(Map<String, ModelLimits> overrides) {
    Map<String, Optional<ModelLimits>> layer = new LinkedHashMap<>();
    overrides.forEach((id, limits) -> layer.put(id, Optional.of(limits)));
    effective.replaceAll(Layers.apply(base.entries(), layer));
  }

  /** Takes {@code file} as the file's layer, then lays {@code overrides} over the new base. No I/O. */
  public synchronized void replaceFile(Map<String, ModelLimits> file, Map<String, ModelLimits> overrides) {
    base = Base.of(shipped, file);
    applyOverrides(overrides);
  }

  /** Sets a run-time override on this instance at once (it is also stored by the caller). */
  public void put(String model, ModelLimits limits) {
    effective.put(model, limits);
  }

  /** {@code shipped}, {@code file} or {@code runtime}: where the effective entry of {@code id} comes from. */
  public String layer(String id, ModelLimits limits) {
    Base b = base;
    return Layers.layer(id, limits, b.entries(), b.fileModels());
  }

  /** Where {@code id}'s base entry comes from, or null when the base has none. */
  public String baseLayer(String id) {
    Base b = base;
    return b.entries().containsKey(id) ? Layers.baseLayer(id, b.fileModels()) : null;
  }

  /** The shipped catalog, {@value #DEFAULTS_RESOURCE}. A malformed shipped file is a build defect: it fails loudly. */
  public static Map<String, ModelLimits> shipped() {
    try (InputStream in = ModelLimitCatalog.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("model limits not on the class path: " + DEFAULTS_RESOURCE);
      }
      JsonNode root = YAML.readTree(in);
      Map<String, ModelLimits> out = new LinkedHashMap<>();
      for (var it = root.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        try {
          out.put(e.getKey(), ModelLimitsJson.read(e.getValue()));
        } catch (IllegalArgumentException bad) {
          throw new IllegalStateException(DEFAULTS_RESOURCE + ": bad limits for " + e.getKey() + ": " + bad.getMessage(), bad);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }
}
