package dev.keypool.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code keypool.yaml} and the environment into a validated {@link GatewayConfig}, or throws a
 * {@link ConfigException} listing every problem. The steps, each a class of its own:
 *
 * <ol>
 *   <li>parse the YAML into a tree (duplicate keys are errors);
 *   <li>{@link EnvInterpolation}: {@code ${VAR}} and {@code ${VAR:-default}} in string values;
 *   <li>{@link EnvOverrides}: {@code KEYPOOL__A__B=value} sets {@code a.b};
 *   <li>{@link GatewayConfigBinder}: defaults, binding to the records and validation, field by field.
 * </ol>
 *
 * <p>The environment is a parameter rather than {@link System#getenv()} so tests need no real
 * environment; the launcher passes {@code System.getenv()}.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ConfigLoader() {}

  /** Loads the configuration file {@code file}. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot read the configuration file (" + e + ")"));
    }
    GatewayConfig config = parse(yaml, env);
    return config.withOrigins(config.origins().forFile(file.toString()));
  }

  /**
   * Loads a configuration given as YAML text. Where each value came from is recorded on the way
   * ({@link GatewayConfig#origins()}), for the admin API's settings view.
   */
  public static GatewayConfig parse(String yaml, Map<String, String> env) {
    ConfigErrors errors = new ConfigErrors();
    ObjectNode root = readTree(yaml, errors);
    errors.throwIfAny();
    OriginTracker origins = new OriginTracker();
    origins.fromFile(root, "");
    new EnvInterpolation(env, errors, origins).apply(root, "");
    new EnvOverrides(errors, origins).apply(root, env);
    GatewayConfig config = GatewayConfigBinder.bind(new FieldReader("", root, errors));
    errors.throwIfAny();
    return config.withOrigins(origins.build()).withProviderPins(ProviderPins.of(env, config.providers()));
  }

  private static ObjectNode readTree(String yaml, ConfigErrors errors) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      // Only the position and Jackson's short reason: the full message quotes the offending line,
      // which may hold a secret.
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      errors.add("", "invalid YAML" + where + " (" + reason(e) + ")");
      return JsonNodeFactory.instance.objectNode();
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      errors.add("", "the file must be a mapping of sections (listeners, storage, providers, ...)");
      return JsonNodeFactory.instance.objectNode();
    }
    return (ObjectNode) tree;
  }

  private static String reason(JsonProcessingException e) {
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
      String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
      return context + yaml.getProblem();
    }
    String m = e.getOriginalMessage();
    int newline = m == null ? -1 : m.indexOf('\n');
    String first = newline < 0 ? String.valueOf(m) : m.substring(0, newline);
    return first.length() > 120 ? first.substring(0, 120) : first;
  }
}
