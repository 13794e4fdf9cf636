package dev.keypool.config;

import java.util.List;

/**
 * A configuration that cannot be used: every problem found, one per line, each starting with the field
 * path (e.g. {@code providers[1].format}) or the environment variable that caused it. Messages never
 * contain secret values.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> errors;

  public ConfigException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /** The individual problems, in the order they were found. */
  public List<String> errors() {
    return errors;
  }
}
