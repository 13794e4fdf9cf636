package dev.keypool.cli;

/**
 * A command that cannot do what it was asked, with the exit code to end on and the message for the
 * operator: {@link #USAGE} for a wrong invocation, configuration or database, {@link #FAILED} when the
 * work was done and found problems (a rejected key, an invalid entry).
 */
final class CliFailure extends RuntimeException {
  static final int FAILED = 1;
  static final int USAGE = 2;

  final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliFailure usage(String message) {
    return new CliFailure(USAGE, message);
  }
}
