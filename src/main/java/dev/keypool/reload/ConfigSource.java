package dev.keypool.reload;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import java.nio.file.Path;
import java.util.Map;

/** Where a running gateway reads its configuration again from on a reload. */
@FunctionalInterface
public interface ConfigSource {

  /** Reads and validates the configuration; throws {@link dev.keypool.config.ConfigException} listing every problem. */
  GatewayConfig load();

  /** The file {@code file} with the environment {@code env}, as at start. */
  static ConfigSource file(Path file, Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return () -> ConfigLoader.load(file, copy);
  }
}
