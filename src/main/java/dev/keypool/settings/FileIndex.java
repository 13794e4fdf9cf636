package dev.keypool.settings;

import java.util.List;
import java.util.function.Function;

/** Where an entry of one of the file's lists (providers, models) sits, so its settings get the file's paths. */
final class FileIndex {

  private FileIndex() {}

  /** The index of the entry of {@code declared} whose id is {@code id}, or -1. */
  static <T> int of(List<T> declared, Function<T, String> idOf, String id) {
    for (int i = 0; i < declared.size(); i++) {
      if (idOf.apply(declared.get(i)).equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
