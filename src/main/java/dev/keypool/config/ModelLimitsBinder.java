package dev.keypool.config;

import dev.keypool.catalog.ModelLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds the {@code model_limits} section: model id -> {@code {context_window, max_output_tokens}} in
 * tokens, either optional but not both. Ids are matched without regard to case, so two that differ only
 * in case are duplicates.
 */
final class ModelLimitsBinder {

  private ModelLimitsBinder() {}

  static ModelLimitsConfig bind(FieldReader root) {
    Map<String, ModelLimits> models = new LinkedHashMap<>();
    Uniqueness ids = new Uniqueness("model_limits model id", false);
    for (var e : root.entries("model_limits").entrySet()) {
      FieldReader r = e.getValue();
      String id = ModelIdKeys.check(e.getKey(), r, ids);
      int context = r.integer("context_window", 0, 1, Integer.MAX_VALUE);
      int output = r.integer("max_output_tokens", 0, 1, Integer.MAX_VALUE);
      r.finish();
      if (context == 0 && output == 0) {
        r.errors().add(r.path(), "give context_window, max_output_tokens or both (tokens)");
      } else {
        models.put(id, new ModelLimits(context, output));
      }
    }
    return new ModelLimitsConfig(models);
  }
}
