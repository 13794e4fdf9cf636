package dev.keypool.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What an upstream of any format received, read the same way for each: its system content, the text
 * of its last user turn and the names of the tools it may call.
 */
record CodexUpstreamBody(String system, String lastUserText, List<String> toolNames) {

  static CodexUpstreamBody of(String route, RecordedRequest request) {
    JsonNode body = request.bodyJson();
    return switch (route) {
      case "gemini-test" -> gemini(body);
      case "gpt-test" -> openAi(body);
      default -> anthropic(body);
    };
  }

  private static CodexUpstreamBody anthropic(JsonNode body) {
    JsonNode last = body.path("messages").get(body.path("messages").size() - 1);
    check(last.path("role").asText().equals("user"), "the last Anthropic message is the user's");
    return new CodexUpstreamBody(body.path("system").toString(), last.path("content").toString(),
        names(body.path("tools"), "/name"));
  }

  private static CodexUpstreamBody openAi(JsonNode body) {
    JsonNode messages = body.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    check(messages.get(0).path("role").asText().equals("system"), "the first chat message is the system's");
    check(last.path("role").asText().equals("user"), "the last chat message is the user's");
    return new CodexUpstreamBody(messages.get(0).path("content").toString(), last.path("content").toString(),
        names(body.path("tools"), "/function/name"));
  }

  private static CodexUpstreamBody gemini(JsonNode body) {
    JsonNode contents = body.path("contents");
    JsonNode last = contents.get(contents.size() - 1);
    check(last.path("role").asText().equals("user"), "the last Gemini content is the user's");
    return new CodexUpstreamBody(body.path("systemInstruction").toString(), last.path("parts").toString(),
        names(body.at("/tools/0/functionDeclarations"), "/name"));
  }

  private static List<String> names(JsonNode tools, String pointer) {
    List<String> out = new ArrayList<>();
    tools.forEach(t -> out.add(t.at(pointer).asText()));
    return out;
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("expected " + what);
    }
  }
}
