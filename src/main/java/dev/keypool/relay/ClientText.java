package dev.keypool.relay;

/**
 * Text a client chose (a model name, a path), in the form error messages quote it. The client chooses
 * these bytes, so an echo is kept short (an error must not grow with the request) and free of control
 * and formatting characters (no forged log lines, terminal escapes or reversed text in whatever
 * displays the message).
 */
public final class ClientText {
  private ClientText() {}

  /**
   * {@code text} in single quotes: at most {@code max} characters (then an ellipsis), each control or
   * formatting character replaced by {@code ?}.
   */
  public static String quoted(String text, int max) {
    String shown = cut(text, max);
    StringBuilder out = new StringBuilder(shown.length() + 3).append('\'');
    shown.codePoints().forEach(c -> out.appendCodePoint(printable(c) ? c : '?'));
    if (shown.length() < text.length()) {
      out.append('\u2026');
    }
    return out.append('\'').toString();
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
      default -> true;
    };
  }
}
