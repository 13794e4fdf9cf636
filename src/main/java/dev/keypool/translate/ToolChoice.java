package dev.keypool.translate;

/** How the model may use the tools: freely, not at all, at least one, or one named tool. */
public record ToolChoice(Mode mode, String name) {
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public static ToolChoice specific(String name) {
    return new ToolChoice(Mode.SPECIFIC, name);
  }

  /** The closed set of tool-choice modes. */
  public enum Mode {
    /** The model decides (OpenAI {@code auto}, Anthropic {@code auto}). */
    AUTO,
    /** No tool may be called (OpenAI {@code none}, Anthropic {@code none}). */
    NONE,
    /** Some tool must be called (OpenAI {@code required}, Anthropic {@code any}). */
    REQUIRED,
    /** The named tool must be called (OpenAI {@code function}, Anthropic {@code tool}). */
    SPECIFIC
  }
}
