package dev.keypool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keypool prices}: the price table in and out of the database, as JSON. */
@Command(name = "prices", description = "Export the effective price table or import run-time prices (JSON).",
    subcommands = {PricesExportCommand.class, PricesImportCommand.class})
public final class PricesCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: export or import");
  }
}
