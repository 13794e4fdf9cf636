package dev.keypool.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} command-line options of the benchmark mains, with typed defaults. */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  BenchArgs(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }
}
