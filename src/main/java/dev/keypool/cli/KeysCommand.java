package dev.keypool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keypool keys}: provider keys in and out of the database, many at once. */
@Command(name = "keys", description = "Export or import provider keys (JSON or CSV).",
    subcommands = {KeysExportCommand.class, KeysImportCommand.class})
public final class KeysCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: export or import");
  }
}
