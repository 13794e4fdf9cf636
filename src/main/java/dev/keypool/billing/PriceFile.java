package dev.keypool.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a price file: a YAML mapping of model id to {@code {input, output, cache_read, cache_write}}
 * in USD per million tokens, the same shape as the config's {@code prices:} section. The cache prices
 * default to the input price. Decimals are read exactly. A malformed shipped file is a build defect,
 * so it fails loudly with the model id.
 */
final class PriceFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PriceFile() {}

  static Map<String, Price> readResource(String resource) {
    try (InputStream in = PriceFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("price file not on the class path: " + resource);
      }
      return read(YAML.readTree(in), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price file " + resource, e);
    }
  }

  private static Map<String, Price> read(JsonNode root, String source) {
    Map<String, Price> prices = new LinkedHashMap<>();
    for (var it = root.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      JsonNode p = e.getValue();
      try {
        BigDecimal input = decimal(p, "input", null);
        prices.put(e.getKey(), new Price(input, decimal(p, "output", null), decimal(p, "cache_read", input),
            decimal(p, "cache_write", input)));
      } catch (RuntimeException bad) {
        throw new IllegalStateException(source + ": bad price for " + e.getKey() + ": " + bad.getMessage(), bad);
      }
    }
    return prices;
  }

  private static BigDecimal decimal(JsonNode price, String field, BigDecimal def) {
    JsonNode v = price.get(field);
    if (v == null || v.isNull()) {
      if (def == null) {
        throw new IllegalArgumentException(field + " is required");
      }
      return def;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number (was " + v + ")");
    }
    return v.decimalValue();
  }
}
