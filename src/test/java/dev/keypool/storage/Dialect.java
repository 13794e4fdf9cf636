package dev.keypool.storage;

/** The databases every store test runs against. */
enum Dialect {
  SQLITE,
  POSTGRES
}
