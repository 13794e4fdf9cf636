package dev.keypool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keypool admin}: operator accounts of the admin API and console. */
@Command(name = "admin", description = "Manage admin users offline (reset-password).",
    subcommands = {ResetPasswordCommand.class})
public final class AdminCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: reset-password");
  }
}
