package dev.keypool.keypool;

/**
 * The response headers of one upstream call, looked up by lower-case name. Vert.x
 * {@code MultiMap::get} fits, as does {@code Map::get} over a lower-cased map.
 */
@FunctionalInterface
public interface HeaderSource {

  /** The first value of the header, or null when absent. */
  String get(String lowerCaseName);
}
