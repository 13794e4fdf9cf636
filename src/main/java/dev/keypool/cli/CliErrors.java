package dev.keypool.cli;

import dev.keypool.config.ConfigException;
import dev.keypool.storage.SecretDecryptionException;
import dev.keypool.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Ends a command that threw with one line for the operator on stderr and an exit code for scripts:
 * 2 for an invalid configuration, an unreachable or unreadable database, or a wrong invocation; the
 * code a {@link CliFailure} carries otherwise. Anything else is a bug and keeps its stack trace.
 */
public final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) throws Exception {
    String message = switch (e) {
      case CliFailure f -> f.getMessage();
      case ConfigException c -> "invalid configuration:\n" + c.getMessage();
      case StorageException s -> "database: " + s.getMessage();
      case SecretDecryptionException s -> s.getMessage() + " (storage.encryption_key or the key file next to the database)";
      default -> null;
    };
    if (message == null) {
      throw e;
    }
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
    cmd.getErr().flush();
    return e instanceof CliFailure f ? f.exitCode : CliFailure.USAGE;
  }
}
