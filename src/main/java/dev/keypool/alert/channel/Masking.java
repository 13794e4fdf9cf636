package dev.keypool.alert.channel;

import java.net.URI;

/** Keeps channel URLs and secrets out of errors, logs and the API. */
public final class Masking {
  private static final String MASK = "***";

  private Masking() {}

  /** {@code text} with every occurrence of the URL (and of its path and query) and of each secret masked. */
  static String mask(String text, String url, String... secrets) {
    String out = text;
    if (url != null && !url.isEmpty()) {
      out = out.replace(url, MASK);
      try {
        URI u = URI.create(url);
        for (String part : new String[] {u.getRawPath(), u.getRawQuery()}) {
          if (part != null && part.length() > 1) {
            out = out.replace(part, MASK);
          }
        }
      } catch (IllegalArgumentException e) {
        // not a URI: the whole URL was masked above
      }
    }
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /** Scheme and host of a URL, the rest masked: {@code https://hooks.slack.com/***}. */
  public static String target(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() != null && u.getHost() != null) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/" + MASK;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    return MASK;
  }

  static String shorten(String s, int max) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
