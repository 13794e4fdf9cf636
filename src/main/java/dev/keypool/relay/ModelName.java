package dev.keypool.relay;

/**
 * A model name as a client wrote it: how long it may be, and the form in which error messages quote
 * it ({@link ClientText}).
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
    return fits(name) ? name : ClientText.cut(name, MAX_LENGTH);
  }

  /**
   * The name in single quotes for an error message: at most {@link #QUOTED_LENGTH} characters (then
   * an ellipsis), each control or formatting character replaced by {@code ?}.
   */
  public static String quoted(String name) {
    return ClientText.quoted(name, QUOTED_LENGTH);
  }
}
