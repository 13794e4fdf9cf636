package dev.keypool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.keypool.ProviderKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Provider keys in the files of {@code keypool keys export} and {@code import}: JSON, an array of objects
 * with the admin API's field names, or CSV with those names as its header row (tags joined by {@code ;}).
 * Exports show a {@code secret_hint} in place of the secret unless asked for the secrets.
 */
final class KeyFormat {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final List<String> COLUMNS = List.of("provider", "name", "secret", "priority", "weight", "tags", "notes",
      "requests_per_minute", "enabled", "source");

  /** One entry of an import file, named for the report: {@code line 3} (CSV) or {@code entry 3} (JSON). */
  record Entry(String where, ObjectNode fields) {}

  private KeyFormat() {}

  enum Kind {
    JSON, CSV;

    static Kind of(String given, String fileName) {
      String name = given != null ? given : fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "json";
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "json" -> JSON;
        case "csv" -> CSV;
        default -> throw CliFailure.usage("--format must be json or csv, got '" + given + "'");
      };
    }
  }

  static String write(List<ProviderKey> keys, Kind kind, boolean secrets) throws Exception {
    if (kind == Kind.JSON) {
      ArrayNode out = JSON.createArrayNode();
      keys.forEach(k -> out.add(object(k, secrets)));
      return JSON.writeValueAsString(out) + "\n";
    }
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(COLUMNS);
    header.set(2, secrets ? "secret" : "secret_hint");
    out.append(Csv.line(header)).append('\n');
    for (ProviderKey k : keys) {
      out.append(Csv.line(List.of(k.providerId(), k.name(), secrets ? k.secret() : k.secretHint(),
          String.valueOf(k.priority()), String.valueOf(k.weight()), String.join(";", k.tags()), k.notes(),
          String.valueOf(k.requestsPerMinute()), String.valueOf(k.enabled()), k.source()))).append('\n');
    }
    return out.toString();
  }

  private static ObjectNode object(ProviderKey k, boolean secrets) {
    ObjectNode o = JSON.createObjectNode();
    o.put("provider", k.providerId());
    o.put("name", k.name());
    o.put(secrets ? "secret" : "secret_hint", secrets ? k.secret() : k.secretHint());
    o.put("priority", k.priority());
    o.put("weight", k.weight());
    k.tags().forEach(o.putArray("tags")::add);
    if (k.tags().isEmpty()) {
      o.putArray("tags");
    }
    o.put("notes", k.notes());
    o.put("requests_per_minute", k.requestsPerMinute());
    o.put("enabled", k.enabled());
    o.put("source", k.source());
    return o;
  }

  /** The entries of an import file; a usage failure when the file as a whole cannot be read. */
  static List<Entry> read(String text, Kind kind) {
    List<Entry> out = new ArrayList<>();
    if (kind == Kind.JSON) {
      JsonNode root;
      try {
        root = JSON.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw CliFailure.usage("not JSON: " + e.getOriginalMessage());
      }
      JsonNode list = root != null && root.isObject() && root.has("keys") ? root.get("keys") : root;
      if (list == null || !list.isArray()) {
        throw CliFailure.usage("expected a JSON array of keys (or an object with a \"keys\" array)");
      }
      int i = 0;
      for (JsonNode n : list) {
        i++;
        out.add(new Entry("entry " + i, n.isObject() ? (ObjectNode) n : null));
      }
      return out;
    }
    List<Csv.Row> rows;
    try {
      rows = Csv.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage());
    }
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = rows.getFirst().fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      ObjectNode o = JSON.createObjectNode();
      if (row.fields().size() != header.size()) {
        out.add(new Entry("line " + row.line(), null));
        continue;
      }
      for (int i = 0; i < header.size(); i++) {
        String value = row.fields().get(i);
        if (header.get(i).equals("tags")) {
          ArrayNode tags = o.putArray("tags");
          for (String t : value.split(";")) {
            if (!t.isBlank()) {
              tags.add(t.strip());
            }
          }
        } else if (!value.isEmpty()) {
          o.put(header.get(i), value);
        }
      }
      out.add(new Entry("line " + row.line(), o));
    }
    return out;
  }
}
