package dev.keypool.cli;

import dev.keypool.config.ConfigException;
import dev.keypool.config.GatewayConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Loads and validates the configuration, and prints what it declares or what is wrong with it. */
@Command(name = "check-config", description = "Validate the configuration file and exit.")
public final class CheckConfigCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      GatewayConfig c = config.load();
      int keys = c.providers().stream().mapToInt(p -> p.keys().size()).sum();
      spec.commandLine().getOut().printf("%s is valid: %d providers, %d provider keys, %d model routes, %d gateway keys%n",
          config.path(), c.providers().size(), keys, c.models().size(), c.gatewayKeys().size());
      return 0;
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("keypool: invalid configuration in " + config.path() + ":\n" + e.getMessage());
      return 2;
    }
  }
}
