package dev.keypool.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A list field of web origins as a browser sends them in {@code Origin}: scheme, host and optional
 * port, no path; normalized to lower case without the scheme's default port, so they compare as sent.
 */
final class OriginList {
  private static final Pattern ORIGIN = Pattern.compile("https?://(?:[a-z0-9.-]+|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?");

  private OriginList() {}

  /** The origins of field {@code name}; {@code extra} is one more accepted value, kept as written (or null). */
  static List<String> read(FieldReader r, String name, String extra) {
    List<String> given = r.strings(name, List.of());
    List<String> origins = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String origin = given.get(i).trim().toLowerCase(Locale.ROOT);
      if (origin.equals(extra)) {
        origins.add(origin);
      } else if (ORIGIN.matcher(origin).matches()) {
        origins.add(origin.replaceFirst("^(http://[^/]+):80$|^(https://[^/]+):443$", "$1$2"));
      } else {
        r.errors().add(ConfigPaths.index(r.path(name), i),
            "must be an origin: scheme, host and optional port, no path (e.g. https://keypool.example.com)"
                + (extra == null ? "" : " or \"" + extra + "\"") + ", was \"" + given.get(i) + "\"");
      }
    }
    return origins;
  }
}
