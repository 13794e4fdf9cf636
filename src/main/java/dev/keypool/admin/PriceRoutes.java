package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceBase;
import dev.keypool.billing.PriceJson;
import dev.keypool.billing.PriceLayers;
import dev.keypool.billing.PriceTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.PriceOverrideStore;
import io.vertx.ext.web.Router;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /api/prices}: the effective price table (shipped defaults, then {@code prices:} from the
 * file, then run-time changes) in USD per million tokens, each price naming its layer. Run-time changes are stored, take effect at
 * once for new requests on this instance, survive restarts, and reach other instances sharing the
 * database within a minute (see {@link SharedSettings}). {@code POST /api/prices/{model}/reset} drops the
 * run-time change so the file or shipped price applies again.
 */
final class PriceRoutes {
  private final PriceTable prices;
  private final PriceBase base;
  private final PriceOverrideStore store;
  private final Blocking blocking;

  /**
   * @param base the prices without run-time changes (shipped defaults with the file's laid over them),
   *     swapped by a configuration reload
   */
  PriceRoutes(PriceTable prices, PriceBase base, PriceOverrideStore store, Blocking blocking) {
    this.prices = prices;
    this.base = base;
    this.store = store;
    this.blocking = blocking;
  }

  /** A price as the API shows and takes it; {@code source} says which layer it comes from. */
  record View(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite, String source) {
    static View of(Price p, String source) {
      return new View(p.inputPerMillion(), p.outputPerMillion(), p.cacheReadPerMillion(), p.cacheWritePerMillion(),
          source);
    }
  }

  void mount(Router router) {
    router.get("/api/prices").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      Map<String, View> out = new TreeMap<>();
      prices.snapshot().forEach((model, p) -> out.put(model, view(model, p)));
      return out;
    }));
    router.get("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String model = rc.pathParam("model");
      return prices.find(model).map(p -> view(PriceTable.idOf(model), p))
          .orElseThrow(() -> AdminException.notFound("Price for model", model));
    }));
    router.put("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String model = PriceTable.idOf(rc.pathParam("model"));
      Price p = parse(AdminJson.body(rc));
      store.put(model, p);
      prices.put(model, p);
      return View.of(p, "runtime");
    }));
    router.delete("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String model = PriceTable.idOf(rc.pathParam("model"));
      Price had = prices.snapshot().get(model);
      if (had == null) {
        throw AdminException.notFound("Price for model", model);
      }
      store.markRemoved(model);
      prices.remove(model);
      return View.of(had, view(model, had).source());
    }));
    router.post("/api/prices/:model/reset").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      String model = PriceTable.idOf(rc.pathParam("model"));
      if (!store.clear(model)) {
        throw AdminException.notFound("Run-time price change for model", model);
      }
      reload(prices, base, store);
      // A model priced only at run time has no price left: say so rather than answer 404 for a done reset.
      return Optional.ofNullable(base.current().prices().get(model)).<Object>map(p -> View.of(p, baseLayer(model)))
          .orElse(Map.of("model", model, "source", "none"));
    }));
  }

  /** Re-reads the stored run-time changes and lays them over {@code base}; blocks on the database. */
  static void reload(PriceTable prices, PriceBase base, PriceOverrideStore store) {
    base.relayer(prices, store.all());
  }

  /** {@code shipped}, {@code file} (the file's {@code prices:}) or {@code runtime} (changed through this API). */
  private View view(String model, Price p) {
    PriceBase.Version b = base.current();
    return View.of(p, PriceLayers.layer(model, p, b.prices(), b.fileModels()));
  }

  private String baseLayer(String model) {
    return PriceLayers.baseLayer(model, base.current().fileModels());
  }

  private static Price parse(JsonNode body) {
    Fields.allowOnly(body, PriceJson.FIELDS);
    try {
      return PriceJson.read(body);
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid(e.getMessage());
    }
  }
}
