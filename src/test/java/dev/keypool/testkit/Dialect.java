package dev.keypool.testkit;

/** The databases every store test runs against. */
public enum Dialect {
  SQLITE,
  POSTGRES
}
