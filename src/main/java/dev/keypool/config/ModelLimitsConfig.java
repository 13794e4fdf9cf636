package dev.keypool.config;

import dev.keypool.catalog.ModelLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model limits declared in the file's {@code model_limits:} section, by model id (the upstream model
 * names of candidates), laid over the shipped catalog: a model listed here has the limits listed here.
 * Empty when the file has no such section.
 */
public record ModelLimitsConfig(Map<String, ModelLimits> models) {
  public static final ModelLimitsConfig NONE = new ModelLimitsConfig(Map.of());

  public ModelLimitsConfig {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }
}
