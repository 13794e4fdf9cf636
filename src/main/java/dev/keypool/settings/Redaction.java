package dev.keypool.settings;

import java.util.Locale;

/** How secrets look in the settings view: masked, or a URL with its password masked. */
final class Redaction {
  /** What a set secret shows; its length says nothing about the secret's. */
  static final String MASK = "********";

  private Redaction() {}

  /** {@link #MASK} for a set secret, null for an unset one (so "none" stays visible). */
  static String mask(String secret) {
    return secret == null || secret.isEmpty() ? null : MASK;
  }

  /**
   * A JDBC or Redis URL without its password: the one in the user-info part
   * ({@code redis://user:pw@host}) and any {@code password=} parameter ({@code ?user=u&password=pw}).
   * When in doubt more is masked, never less.
   */
  static String url(String url) {
    if (url == null) {
      return null;
    }
    String out = url;
    int start = out.indexOf("//");
    int at = out.lastIndexOf('@');
    if (start >= 0 && at > start) {
      String userInfo = out.substring(start + 2, at);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        out = out.substring(0, start + 2) + userInfo.substring(0, colon + 1) + MASK + out.substring(at);
      }
    }
    return maskParameter(out, "password=");
  }

  private static String maskParameter(String url, String name) {
    StringBuilder out = new StringBuilder();
    String lower = url.toLowerCase(Locale.ROOT);
    int from = 0;
    int found;
    while ((found = lower.indexOf(name, from)) >= 0) {
      boolean parameter = found > 0 && "?&;:".indexOf(url.charAt(found - 1)) >= 0;
      int valueStart = found + name.length();
      int end = valueStart;
      while (end < url.length() && url.charAt(end) != '&' && url.charAt(end) != ';') {
        end++;
      }
      out.append(url, from, valueStart).append(parameter ? MASK : url.substring(valueStart, end));
      from = end;
    }
    return out.append(url.substring(from)).toString();
  }
}
