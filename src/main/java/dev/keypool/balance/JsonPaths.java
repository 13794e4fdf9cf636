package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The small JSON path language of the declarative adapter: field names separated by dots, each
 * optionally followed by array indexes ({@code data.balance_infos[0].total_balance}); a leading
 * {@code $} or {@code $.} is allowed.
 */
final class JsonPaths {
  private JsonPaths() {}

  /** The node at {@code path} in {@code root}, or a missing node. */
  static JsonNode at(JsonNode root, String path) {
    String p = path.startsWith("$") ? path.substring(1) : path;
    if (p.startsWith(".")) {
      p = p.substring(1);
    }
    JsonNode node = root;
    for (String step : p.split("\\.")) {
      int bracket = step.indexOf('[');
      String name = bracket < 0 ? step : step.substring(0, bracket);
      if (!name.isEmpty()) {
        node = node.path(name);
      }
      while (bracket >= 0) {
        int close = step.indexOf(']', bracket);
        node = node.path(Integer.parseInt(step.substring(bracket + 1, close)));
        bracket = step.indexOf('[', close);
      }
      if (node.isMissingNode()) {
        return MissingNode.getInstance();
      }
    }
    return node;
  }
}
