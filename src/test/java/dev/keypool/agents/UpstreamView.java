package dev.keypool.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What an upstream request says, whatever its format: the text of its user turns (the last one apart),
 * its system content, its tool names, its reasoning, and whether it ends with a tool's result. User
 * turns holding only tool results (Anthropic, Gemini) are not user turns here.
 */
record UpstreamView(List<String> userTurns, String systemText, List<String> toolNames, String reasoning,
    JsonNode lastTurn, ClaudeCodeAgentTest.Target format) {

  static UpstreamView of(ClaudeCodeAgentTest.Target format, RecordedRequest request) {
    JsonNode body = request.bodyJson();
    List<String> users = new ArrayList<>();
    StringBuilder system = new StringBuilder();
    List<String> tools = new ArrayList<>();
    switch (format) {
      case GPT -> {
        for (JsonNode m : body.path("messages")) {
          switch (m.path("role").asText()) {
            case "user" -> users.add(text(m.path("content"), "text"));
            case "system", "developer" -> system.append(text(m.path("content"), "text")).append('\n');
            default -> { }
          }
        }
        body.path("tools").forEach(t -> tools.add(t.at("/function/name").asText()));
        return new UpstreamView(users, system.toString(), tools, body.path("reasoning_effort").asText(null),
            last(body.path("messages"), "system"), format);
      }
      case GEMINI -> {
        for (JsonNode c : body.path("contents")) {
          String text = text(c.path("parts"), "text");
          if (c.path("role").asText().equals("user") && !text.isEmpty()) {
            users.add(text);
          }
        }
        system.append(text(body.at("/systemInstruction/parts"), "text"));
        body.at("/tools/0/functionDeclarations").forEach(t -> tools.add(t.path("name").asText()));
        JsonNode thinking = body.at("/generationConfig/thinkingConfig");
        String reasoning = thinking.isMissingNode() ? null
            : thinking.path("thinkingBudget").asText() + (thinking.path("includeThoughts").asBoolean() ? " thoughts" : "");
        JsonNode contents = body.path("contents");
        return new UpstreamView(users, system.toString(), tools, reasoning, contents.get(contents.size() - 1), format);
      }
      case CLAUDE -> {
        system.append(text(body.path("system"), "text"));
        for (JsonNode m : body.path("messages")) {
          String text = text(m.path("content"), "text");
          switch (m.path("role").asText()) {
            case "user" -> {
              if (!text.isEmpty()) {
                users.add(text);
              }
            }
            case "system" -> system.append('\n').append(text);
            default -> { }
          }
        }
        body.path("tools").forEach(t -> {
          if (t.has("input_schema")) {
            tools.add(t.path("name").asText());
          }
        });
        return new UpstreamView(users, system.toString(), tools, body.path("thinking").path("type").asText(null),
            last(body.path("messages"), "system"), format);
      }
      default -> throw new IllegalArgumentException(format.name());
    }
  }

  /** The last message whose role is not {@code skipped}. */
  private static JsonNode last(JsonNode messages, String skipped) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (!messages.get(i).path("role").asText().equals(skipped)) {
        return messages.get(i);
      }
    }
    return null;
  }

  /** A string content, or the {@code field} of each part of an array, joined by newlines. */
  private static String text(JsonNode content, String field) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> parts = new ArrayList<>();
    content.forEach(p -> {
      if (p.has(field) && !p.has("thought")) {
        parts.add(p.path(field).asText());
      }
    });
    return String.join("\n", parts);
  }

  String lastUserTurnText() {
    return userTurns.isEmpty() ? "" : userTurns.getLast();
  }

  String userTurnsText() {
    return String.join("\n", userTurns);
  }

  /** Whether the conversation ends (system content apart) with the result of call {@code id} to {@code name}. */
  boolean lastTurnIsResultOf(String id, String name) {
    return switch (format) {
      case GPT -> lastTurn.path("role").asText().equals("tool") && lastTurn.path("tool_call_id").asText().equals(id);
      case GEMINI -> lastTurn.path("role").asText().equals("user")
          && lastTurn.at("/parts/0/functionResponse/name").asText().equals(name);
      case CLAUDE -> lastTurn.path("role").asText().equals("user")
          && lastTurn.at("/content/0/type").asText().equals("tool_result")
          && lastTurn.at("/content/0/tool_use_id").asText().equals(id);
    };
  }
}
