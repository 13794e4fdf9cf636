package dev.keypool;

import dev.keypool.cli.CheckConfigCommand;
import dev.keypool.cli.MigrateCommand;
import dev.keypool.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve} runs the gateway; the other commands are operator tools. */
@Command(name = "keypool", mixinStandardHelpOptions = true, version = "keypool 0.1.0",
    description = "LLM API gateway in front of a pool of upstream provider keys.",
    subcommands = {ServeCommand.class, CheckConfigCommand.class, MigrateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
