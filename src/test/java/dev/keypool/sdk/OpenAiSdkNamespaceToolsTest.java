package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.responses.NamespaceTool;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.WebSearchTool;
import dev.keypool.testkit.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK's Responses API with a {@code namespace} tool and the hosted
 * {@code web_search} (what Codex CLI sends) against a Claude route, streamed: Claude gets the group's
 * functions as plain tools under flattened names and no web search, and the SDK gets the call back under
 * the function's own name with its namespace.
 */
class OpenAiSdkNamespaceToolsTest extends SdkGateway {
  static final String ARGS = "{\"query\":\"retry delay\"}";

  static NamespaceTool docs() {
    JsonValue schema = JsonValue.from(Map.of("type", "object", "properties", Map.of("query", Map.of("type", "string")),
        "required", List.of("query")));
    return NamespaceTool.builder().name("docs").description("Project documentation.")
        .addTool(NamespaceTool.Tool.Function.builder().name("search").description("Search the docs.")
            .parameters(schema).build())
        .addTool(NamespaceTool.Tool.Function.builder().name("fetch").description("Fetch a page.")
            .parameters(schema).build())
        .build();
  }

  @Test
  void a_streamed_call_of_a_namespaced_function_comes_back_with_its_namespace() {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("docs__search", ARGS));
    ResponseCreateParams params = ResponseCreateParams.builder().model("claude-test").input("Where is the retry delay?")
        .addTool(docs()).addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()).build();

    StringBuilder args = new StringBuilder();
    List<ResponseFunctionToolCall> calls = OpenAiSdkResponsesTest.streamedCalls(params, args);

    assertThat(args).hasToString(ARGS);
    assertThat(calls).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("search");
      assertThat(c.namespace()).hasValue("docs");
      assertThat(c.arguments()).isEqualTo(ARGS);
      assertThat(c.callId()).isNotEmpty();
    });
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    List<String> tools = new ArrayList<>();
    sent.path("tools").forEach(t -> tools.add(t.path("name").asText()));
    assertThat(tools).containsExactly("docs__search", "docs__fetch");
    assertThat(sent.at("/tools/0/description").asText()).contains("Search the docs.").contains("Project documentation.");
  }
}
