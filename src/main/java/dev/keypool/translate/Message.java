package dev.keypool.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * One turn of a canonical conversation: a role and its content parts. A {@link Role#TOOL} message
 * carries {@link ContentPart.ToolResult}s; an assistant message may carry text, thinking and tool calls.
 */
public record Message(Role role, List<ContentPart> content) {

  public Message {
    content = List.copyOf(content);
  }

  /**
   * Adds a user turn of a format that carries tool results inside user turns (Anthropic, Gemini) as
   * canonical messages: a {@link Role#TOOL} message with the results, then a user message with the
   * rest (also when the turn is empty, so that no turn is lost).
   */
  public static void addUserTurn(List<ContentPart> parts, List<Message> out) {
    List<ContentPart> results = new ArrayList<>();
    List<ContentPart> rest = new ArrayList<>();
    parts.forEach(p -> (p instanceof ContentPart.ToolResult ? results : rest).add(p));
    if (!results.isEmpty()) {
      out.add(new Message(Role.TOOL, results));
    }
    if (!rest.isEmpty() || results.isEmpty()) {
      out.add(new Message(Role.USER, rest));
    }
  }

  /** The speaker of a {@link Message}. */
  public enum Role {
    USER,
    ASSISTANT,
    /** Results of tool calls: OpenAI's {@code tool} messages, Anthropic's {@code tool_result} blocks. */
    TOOL,
    /**
     * System content at its place in the conversation, after the first turn (Claude Code's reminders,
     * a Responses {@code developer} item between turns). System content before the first turn is the
     * request's {@code system} instead.
     */
    SYSTEM
  }
}
