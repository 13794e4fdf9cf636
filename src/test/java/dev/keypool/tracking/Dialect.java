package dev.keypool.tracking;

/** The databases every tracking test runs against. */
enum Dialect {
  SQLITE,
  POSTGRES
}
