package dev.keypool.cli;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command, defaulting to $KEYPOOL_CONFIG, then keypool.yaml. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Configuration file (default: $KEYPOOL_CONFIG, else keypool.yaml).")
  Path file;

  Path path() {
    if (file != null) {
      return file;
    }
    String env = System.getenv("KEYPOOL_CONFIG");
    return Path.of(env == null || env.isBlank() ? "keypool.yaml" : env);
  }

  GatewayConfig load() {
    return ConfigLoader.load(path(), System.getenv());
  }
}
