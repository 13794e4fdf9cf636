package dev.keypool.keypool;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A parser for Go's {@code time.Duration} text ("1s", "6m0s", "20ms", "1h2m3.5s"), the format OpenAI
 * uses in {@code x-ratelimit-reset-*}. A bare number is read as seconds, as some OpenAI-compatible
 * upstreams send it.
 */
final class GoDuration {

  private GoDuration() {}

  /** The duration, or null when the text is not one (never throws: headers are untrusted). */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    try {
      if (isNumber(s)) {
        return nanos(new BigDecimal(s).movePointRight(9));
      }
      BigDecimal totalNanos = BigDecimal.ZERO;
      int i = 0;
      while (i < s.length()) {
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        if (start == i) {
          return null;
        }
        BigDecimal value = new BigDecimal(s.substring(start, i));
        int unitStart = i;
        while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
          i++;
        }
        long unitNanos = unitNanos(s.substring(unitStart, i));
        if (unitNanos < 0) {
          return null;
        }
        totalNanos = totalNanos.add(value.multiply(BigDecimal.valueOf(unitNanos)));
      }
      return nanos(totalNanos);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static boolean isNumber(String s) {
    return s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }

  private static Duration nanos(BigDecimal n) {
    return Duration.ofNanos(n.longValue());
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> -1L;
    };
  }
}
