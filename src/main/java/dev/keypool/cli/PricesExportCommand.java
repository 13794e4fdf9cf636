package dev.keypool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keypool prices export}: the effective price table, each price naming its layer, as GET /api/prices shows it. */
@Command(name = "export", description = "Write the effective prices (USD per million tokens) with their layer as JSON.")
public final class PricesExportCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() throws Exception {
    String text;
    try (Offline offline = Offline.open(config)) {
      text = KeyFormat.JSON.writeValueAsString(new PriceBook(offline).json()) + "\n";
    }
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, text);
    }
    return 0;
  }
}
