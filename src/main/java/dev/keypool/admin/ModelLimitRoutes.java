package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.catalog.ModelIds;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.catalog.ModelLimits;
import dev.keypool.catalog.ModelLimitsJson;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.ModelLimitOverrideStore;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/model-limits}: the effective model limits catalog (shipped, then {@code model_limits:}
 * from the file, then run-time changes), each entry naming its layer. {@code PUT} sets a run-time
 * override, {@code DELETE} drops it so the file or shipped figures apply again. Run-time changes are
 * stored, apply at once on this instance and reach the others sharing the database within a minute
 * (see {@link SharedSettings}), like prices.
 */
final class ModelLimitRoutes {
  private final ModelLimitCatalog catalog;
  private final ModelLimitOverrideStore store;
  private final Blocking blocking;

  ModelLimitRoutes(ModelLimitCatalog catalog, ModelLimitOverrideStore store, Blocking blocking) {
    this.catalog = catalog;
    this.store = store;
    this.blocking = blocking;
  }

  /** Limits as the API shows them: an unknown figure is null; {@code source} names the layer. */
  record View(String model, Long contextWindow, Long maxOutputTokens, String source) {
    static View of(String model, ModelLimits l, String source) {
      return new View(model, l.contextWindow() > 0 ? l.contextWindow() : null,
          l.maxOutputTokens() > 0 ? l.maxOutputTokens() : null, source);
    }
  }

  void mount(Router router) {
    router.get("/api/model-limits").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      Map<String, View> out = new TreeMap<>();
      catalog.snapshot().forEach((id, limits) -> out.put(id, view(id, limits)));
      return out;
    }));
    // Any model name: the entry it matches (with prefix matching), as a route's target would find it.
    router.get("/api/model-limits/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String model = rc.pathParam("model");
      String id = catalog.matchedId(model);
      if (id == null) {
        throw AdminException.notFound("Model limits for", model);
      }
      return view(id, catalog.snapshot().get(id));
    }));
    router.put("/api/model-limits/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String id = ModelIds.normalize(rc.pathParam("model"));
      ModelLimits limits = parse(AdminJson.body(rc));
      store.put(id, limits);
      catalog.put(id, limits);
      return View.of(id, limits, "runtime");
    }));
    router.delete("/api/model-limits/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String id = ModelIds.normalize(rc.pathParam("model"));
      if (!store.clear(id)) {
        throw AdminException.notFound("Run-time model limits for", id);
      }
      reload(catalog, store);
      ModelLimits base = catalog.base().get(id);
      // A model known only at run time has no limits left: say so rather than answer 404 for a done delete.
      return base == null ? new View(id, null, null, "none") : View.of(id, base, catalog.baseLayer(id));
    }));
  }

  /** Re-reads the stored run-time changes and lays them over the base; blocks on the database. */
  static void reload(ModelLimitCatalog catalog, ModelLimitOverrideStore store) {
    catalog.applyOverrides(store.all());
  }

  private View view(String id, ModelLimits limits) {
    return View.of(id, limits, catalog.layer(id, limits));
  }

  private static ModelLimits parse(JsonNode body) {
    Fields.allowOnly(body, ModelLimitsJson.FIELDS);
    try {
      return ModelLimitsJson.read(body);
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid(e.getMessage());
    }
  }
}
