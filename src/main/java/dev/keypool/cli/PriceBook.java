package dev.keypool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.billing.Price;
import dev.keypool.billing.PriceLayers;
import dev.keypool.billing.PriceTable;
import dev.keypool.storage.PriceOverrideStore;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The price layers as the gateway builds them (shipped defaults, the file's {@code prices:}, the run-time
 * changes stored in the database) and the effective table, in the shape of {@code GET /api/prices}.
 */
final class PriceBook {
  final Map<String, Price> base;
  final Set<String> fileModels;
  final PriceOverrideStore store;

  PriceBook(Offline offline) {
    this.base = PriceTable.defaults().withOverrides(offline.config.prices().models()).snapshot();
    this.fileModels = offline.config.prices().models().keySet().stream().map(PriceTable::idOf).collect(Collectors.toSet());
    this.store = new PriceOverrideStore(offline.db.dataSource(), offline.clock);
  }

  /** The effective prices by model id, in id order. */
  Map<String, Price> effective() {
    return new TreeMap<>(PriceLayers.apply(base, store.all()));
  }

  /** Every effective price with its layer: {@code {"model": {"input", "output", "cache_read", "cache_write", "source"}}}. */
  ObjectNode json() {
    ObjectNode out = KeyFormat.JSON.createObjectNode();
    effective().forEach((model, p) -> {
      ObjectNode o = out.putObject(model);
      o.put("input", p.inputPerMillion());
      o.put("output", p.outputPerMillion());
      o.put("cache_read", p.cacheReadPerMillion());
      o.put("cache_write", p.cacheWritePerMillion());
      o.put("source", PriceLayers.layer(model, p, base, fileModels));
    });
    return out;
  }
}
