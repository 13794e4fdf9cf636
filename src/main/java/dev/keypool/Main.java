package dev.keypool;

import dev.keypool.cli.AdminCommand;
import dev.keypool.cli.CheckConfigCommand;
import dev.keypool.cli.CheckUpstreamCommand;
import dev.keypool.cli.CliErrors;
import dev.keypool.cli.CliLogging;
import dev.keypool.cli.KeysCommand;
import dev.keypool.cli.MigrateCommand;
import dev.keypool.cli.PricesCommand;
import dev.keypool.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The command line: {@code serve} runs the gateway; the other commands are operator tools. */
// scope INHERIT: every subcommand, at every depth, takes --help and --version too.
@Command(name = "keypool", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "keypool 0.1.0",
    description = "LLM API gateway in front of a pool of upstream provider keys.",
    subcommands = {ServeCommand.class, CheckConfigCommand.class, MigrateCommand.class, CheckUpstreamCommand.class,
        KeysCommand.class, PricesCommand.class, AdminCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("serve")) {
      CliLogging.toStderr();
    }
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The command line with its error handling, for {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(new CliErrors());
  }

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
