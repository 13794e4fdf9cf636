package dev.keypool.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found while loading one configuration, collected so they are all reported together.
 * It also remembers which paths an environment override wrote, so a problem there names the variable
 * as well as the field: the operator must know to look at the environment, not the file.
 */
final class ConfigErrors {

  private final List<String> errors = new ArrayList<>();
  private final Map<String, String> overrideVariables = new HashMap<>();

  /** Records a problem at {@code path}; {@code message} must not contain a secret value. */
  void add(String path, String message) {
    String variable = overrideVariables.get(path);
    String suffix = variable == null ? "" : " (set by " + variable + ")";
    errors.add((path.isEmpty() ? "(root)" : path) + ": " + message + suffix);
  }

  /** Records a problem that belongs to an environment variable rather than a field. */
  void addForVariable(String variable, String message) {
    errors.add(variable + ": " + message);
  }

  void markOverride(String path, String variable) {
    overrideVariables.put(path, variable);
  }

  /** The variable that wrote {@code path}, or null when it came from the file. */
  String overrideVariable(String path) {
    return overrideVariables.get(path);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
  }
}
