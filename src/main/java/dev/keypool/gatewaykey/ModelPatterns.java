package dev.keypool.gatewaykey;

import java.util.List;

/**
 * The models a key may use, as glob patterns over public model ids: {@code *} matches any run of
 * characters (slashes included, so {@code anthropic/*} covers every model under that prefix), {@code ?}
 * one character. No pattern at all means every model. Matched without regular expressions, since it
 * runs on every request and patterns are short.
 */
public record ModelPatterns(List<String> patterns) {

  public static final ModelPatterns ANY = new ModelPatterns(List.of());

  public ModelPatterns {
    patterns = List.copyOf(patterns);
    for (String p : patterns) {
      if (p.isBlank() || p.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("model pattern '" + p + "' must be non-empty and without spaces");
      }
    }
  }

  public boolean allows(String model) {
    if (patterns.isEmpty()) {
      return true;
    }
    if (model == null) {
      return false;
    }
    for (String p : patterns) {
      if (matches(p, model)) {
        return true;
      }
    }
    return false;
  }

  /** Glob match with backtracking to the last star: linear for the usual one-star patterns. */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
