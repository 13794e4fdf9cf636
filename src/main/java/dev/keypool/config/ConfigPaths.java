package dev.keypool.config;

/** Builds the field paths that error messages use: {@code models[0].candidates[1].provider}. */
final class ConfigPaths {

  private ConfigPaths() {}

  static String field(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }
}
