package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceTable;
import dev.keypool.storage.Blocking;
import io.vertx.ext.web.Router;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /api/prices}: the effective price table (shipped defaults, then {@code prices:} from the
 * file), and run-time changes per model in USD per million tokens. Run-time changes take effect at
 * once for new requests; they last until the next restart (put lasting prices in the file).
 */
final class PriceRoutes {
  private static final Set<String> FIELDS = Set.of("input", "output", "cache_read", "cache_write");

  private final PriceTable prices;
  private final Blocking blocking;

  PriceRoutes(PriceTable prices, Blocking blocking) {
    this.prices = prices;
    this.blocking = blocking;
  }

  /** A price as the API shows and takes it. */
  record View(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {
    static View of(Price p) {
      return new View(p.inputPerMillion(), p.outputPerMillion(), p.cacheReadPerMillion(), p.cacheWritePerMillion());
    }
  }

  void mount(Router router) {
    router.get("/api/prices").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      Map<String, View> out = new TreeMap<>();
      prices.snapshot().forEach((model, p) -> out.put(model, View.of(p)));
      return out;
    }));
    router.get("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () ->
        prices.find(rc.pathParam("model")).map(View::of)
            .orElseThrow(() -> AdminException.notFound("Price for model", rc.pathParam("model")))));
    router.put("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () -> {
      Price p = parse(AdminJson.body(rc));
      prices.put(rc.pathParam("model"), p);
      return View.of(p);
    }));
    router.delete("/api/prices/:model").handler(rc -> AdminRoutes.respond(rc, blocking, 200, () ->
        prices.remove(rc.pathParam("model")).map(View::of)
            .orElseThrow(() -> AdminException.notFound("Price for model", rc.pathParam("model")))));
  }

  private static Price parse(JsonNode body) {
    Fields.allowOnly(body, FIELDS);
    BigDecimal input = amount(body, "input", null);
    BigDecimal output = amount(body, "output", null);
    return new Price(input, output, amount(body, "cache_read", input), amount(body, "cache_write", input));
  }

  private static BigDecimal amount(JsonNode body, String field, BigDecimal fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw AdminException.invalid("'" + field + "' is required (USD per million tokens).");
      }
      return fallback;
    }
    if (!v.isNumber() || v.decimalValue().signum() < 0) {
      throw AdminException.invalid("'" + field + "' must be a number >= 0 (USD per million tokens).");
    }
    return v.decimalValue();
  }
}
