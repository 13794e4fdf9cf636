package dev.keypool.conformance;

/**
 * One row of the matrix: a name, what a passing cell proves, and the case run for every pair of
 * client and upstream formats.
 */
record Feature(String name, String checks, Case body) {
  /** Asserts on what the client received and what the upstream received; n/a cells declare why. */
  @FunctionalInterface
  interface Case {
    Verdict run(Cell cell) throws Exception;
  }
}
