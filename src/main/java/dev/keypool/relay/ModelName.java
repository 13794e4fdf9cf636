package dev.keypool.relay;

/**
 * A model name as a client wrote it: how long it may be, and the form in which error messages quote
 * it. The client chooses these bytes, so an echo is kept short (an error must not grow with the
 * request) and free of control and formatting characters (no forged log lines, terminal escapes or
 * reversed text in whatever displays the message).
 */
public final class ModelName {
  /**
   * The longest model name accepted, in characters. Real ids are far shorter (dated ids with a
   * provider prefix stay under 100); a longer one is refused with a 400 before routing.
   */
  public static final int MAX_LENGTH = 256;
  /** How many characters of a client's model name an error message quotes. */
  static final int QUOTED_LENGTH = 100;

  private ModelName() {}

  /** Whether a client's model name is within {@link #MAX_LENGTH}. */
  public static boolean fits(String name) {
    return name.length() <= MAX_LENGTH;
  }

  /** The first {@link #MAX_LENGTH} characters, for the record of a refused request. */
  static String capped(String name) {
    return fits(name) ? name : cut(name, MAX_LENGTH);
  }

  /**
   * The name in single quotes for an error message: at most {@link #QUOTED_LENGTH} characters (then
   * an ellipsis), each control or formatting character replaced by {@code ?}.
   */
  public static String quoted(String name) {
    String shown = cut(name, QUOTED_LENGTH);
    StringBuilder out = new StringBuilder(shown.length() + 3).append('\'');
    shown.codePoints().forEach(c -> out.appendCodePoint(printable(c) ? c : '?'));
    if (shown.length() < name.length()) {
      out.append('\u2026');
    }
    return out.append('\'').toString();
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  private static String cut(String s, int max) {
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
