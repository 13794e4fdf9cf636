package dev.keypool.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Setting values as JSON, written the way the configuration file takes them (30s, round_robin, 07:00). */
final class SettingValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private SettingValues() {}

  static JsonNode json(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
      case JsonNode node -> node;
      case String s -> NODES.textNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case BigDecimal d -> NODES.numberNode(d);
      case Duration d -> NODES.textNode(Durations.format(d));
      case LocalTime t -> NODES.textNode(t.toString());
      case Enum<?> e -> NODES.textNode(e.name().toLowerCase(Locale.ROOT));
      case Set<?> set -> array(sorted(set));
      case Collection<?> list -> array(list);
      case Map<?, ?> map -> object(map);
      default -> NODES.textNode(value.toString());
    };
  }

  static ObjectNode object(Map<?, ?> map) {
    ObjectNode out = NODES.objectNode();
    map.forEach((k, v) -> out.set(String.valueOf(k), json(v)));
    return out;
  }

  private static ArrayNode array(Collection<?> items) {
    ArrayNode out = NODES.arrayNode();
    items.forEach(v -> out.add(json(v)));
    return out;
  }

  /** A set in a stable order, so the view does not reshuffle between calls. */
  private static List<?> sorted(Set<?> set) {
    List<Object> out = new ArrayList<>(set);
    try {
      out.sort(null); // natural order: status codes as numbers, enums as declared
    } catch (ClassCastException mixed) {
      out.sort(Comparator.comparing(v -> json(v).asText()));
    }
    return out;
  }
}
