package dev.keypool.provider.openai.responses;

import dev.keypool.translate.ChatRequest;
import java.util.List;

/**
 * A Responses request read for a chat upstream: the canonical request, the tool names to map the
 * answer's calls back with, and the hosted tools the request declared, which the canonical request
 * leaves out (the route decides whether that is acceptable: {@code hosted_tools: drop | reject}).
 *
 * @param hostedTools the types of the hosted tools left out ({@code web_search}, ...), each once
 */
public record ResponsesRequest(ChatRequest chat, ToolNames toolNames, List<String> hostedTools) {

  public ResponsesRequest {
    hostedTools = List.copyOf(hostedTools);
  }
}
