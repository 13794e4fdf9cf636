package dev.keypool.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the string values of a YAML tree with
 * environment variables, as a shell would: the default applies when the variable is unset or empty, and
 * {@code $${} writes a literal {@code ${}. Keys are never interpolated. An unset variable without a
 * default is an error naming the field and the variable, never a silent empty string: a missing secret
 * must stop the start, not produce a gateway that answers 401.
 */
final class EnvInterpolation {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;
  private final ConfigErrors errors;
  private final OriginTracker origins;
  /** The variables that gave the string being resolved its value. */
  private final List<String> used = new ArrayList<>();

  EnvInterpolation(Map<String, String> env, ConfigErrors errors) {
    this(env, errors, new OriginTracker());
  }

  EnvInterpolation(Map<String, String> env, ConfigErrors errors, OriginTracker origins) {
    this.env = env;
    this.errors = errors;
    this.origins = origins;
  }

  /** Interpolates every string value below {@code node} in place. */
  void apply(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      for (var it = object.properties().iterator(); it.hasNext(); ) {
        var field = it.next();
        String childPath = ConfigPaths.field(path, field.getKey());
        if (field.getValue().isTextual()) {
          field.setValue(new TextNode(resolve(field.getValue().textValue(), childPath)));
        } else {
          apply(field.getValue(), childPath);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String childPath = ConfigPaths.index(path, i);
        if (array.get(i).isTextual()) {
          array.set(i, new TextNode(resolve(array.get(i).textValue(), childPath)));
        } else {
          apply(array.get(i), childPath);
        }
      }
    }
  }

  private String resolve(String text, String path) {
    if (!text.contains("${")) {
      return text;
    }
    used.clear();
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m, path)));
    }
    m.appendTail(out);
    if (!used.isEmpty()) {
      origins.env(path, String.join(", ", used));
    }
    if (REFERENCE.matcher(text).replaceAll("").contains("${")) {
      errors.add(path, "unterminated ${ (write ${NAME} or ${NAME:-default})");
    }
    return out.toString();
  }

  private String replacement(Matcher m, String path) {
    if (m.group(1) == null) {
      return "${";
    }
    String body = m.group(1);
    int sep = body.indexOf(":-");
    String name = sep < 0 ? body : body.substring(0, sep);
    if (!NAME.matcher(name).matches()) {
      errors.add(path, "bad variable reference ${" + name + "} (write ${NAME} or ${NAME:-default})");
      return "";
    }
    String value = env.get(name);
    if (sep >= 0 && (value == null || value.isEmpty())) {
      return body.substring(sep + 2); // the file's own fallback: the value still comes from the file
    }
    if (value == null) {
      errors.add(path, "environment variable " + name + " is not set (use ${" + name + ":-default} for a fallback)");
      return "";
    }
    used.add(name);
    return value;
  }
}
