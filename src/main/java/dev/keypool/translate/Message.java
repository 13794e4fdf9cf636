package dev.keypool.translate;

import java.util.List;

/**
 * One turn of a canonical conversation: a role and its content parts. A {@link Role#TOOL} message
 * carries {@link ContentPart.ToolResult}s; an assistant message may carry text, thinking and tool calls.
 */
public record Message(Role role, List<ContentPart> content) {

  public Message {
    content = List.copyOf(content);
  }

  /** The speaker of a {@link Message}. */
  public enum Role {
    USER,
    ASSISTANT,
    /** Results of tool calls: OpenAI's {@code tool} messages, Anthropic's {@code tool_result} blocks. */
    TOOL
  }
}
