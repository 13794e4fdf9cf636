package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.keypool.testkit.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK's Responses API against a Claude route: Keypool translates to Anthropic
 * Messages and answers in the Responses shape the SDK parses, plain and streamed, text and function calls.
 */
class OpenAiSdkResponsesTest extends SdkGateway {
  static final String ARGS = "{\"city\":\"Paris\"}";

  static ResponseCreateParams.Builder hello() {
    return ResponseCreateParams.builder().model("claude-test").instructions("Be brief.").input("Say hello");
  }

  static FunctionTool weather() {
    return FunctionTool.builder().name("get_weather").strict(false)
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build();
  }

  @Test
  void create_returns_the_text_and_usage_in_responses_shape() {
    h.upstream.defaultReply(Replies.anthropicMessage("Bonjour", 12, 3));

    Response response = openai.responses().create(hello().build());

    assertThat(response.output()).singleElement().satisfies(item -> {
      assertThat(item.isMessage()).isTrue();
      assertThat(item.asMessage().content().getFirst().asOutputText().text()).isEqualTo("Bonjour");
    });
    ResponseUsage usage = response.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(12);
    assertThat(usage.outputTokens()).isEqualTo(3);
    assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
    assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
    assertThat(usage.totalTokens()).isEqualTo(15);
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
  }

  @Test
  void create_returns_a_function_call_with_its_call_id() {
    h.upstream.defaultReply(Replies.anthropicToolUse("get_weather", ARGS));

    Response response = openai.responses().create(hello().addTool(weather()).build());

    ResponseFunctionToolCall call = response.output().stream().filter(ResponseOutputItem::isFunctionCall)
        .findFirst().orElseThrow().asFunctionCall();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).isEqualTo(ARGS);
    assertThat(call.callId()).isNotEmpty();
  }

  @Test
  void create_streaming_delivers_text_deltas_and_the_completed_response_with_usage() {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(20, 4, "Str", "eam", "ed"));

    StringBuilder text = new StringBuilder();
    List<Response> completed = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(hello().build())) {
      stream.stream().forEach(event -> {
        event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        event.completed().ifPresent(c -> completed.add(c.response()));
      });
    }

    assertThat(text).hasToString("Streamed");
    assertThat(completed).singleElement().satisfies(r -> {
      assertThat(r.output().getFirst().asMessage().content().getFirst().asOutputText().text()).isEqualTo("Streamed");
      assertThat(r.usage().orElseThrow().inputTokens()).isEqualTo(20);
      assertThat(r.usage().orElseThrow().outputTokens()).isEqualTo(4);
    });
  }

  @Test
  void create_streaming_delivers_a_function_call() {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", ARGS));

    StringBuilder args = new StringBuilder();
    List<ResponseFunctionToolCall> calls = streamedCalls(hello().addTool(weather()).build(), args);

    assertThat(args).hasToString(ARGS);
    assertThat(calls).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("get_weather");
      assertThat(c.arguments()).isEqualTo(ARGS);
      assertThat(c.callId()).isNotEmpty();
    });
  }

  /** Streams {@code params}; returns the function calls of the items done, their argument deltas joined in {@code args}. */
  static List<ResponseFunctionToolCall> streamedCalls(ResponseCreateParams params, StringBuilder args) {
    List<ResponseFunctionToolCall> calls = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
      stream.stream().forEach(event -> {
        event.functionCallArgumentsDelta().ifPresent(d -> args.append(d.delta()));
        event.outputItemDone().filter(d -> d.item().isFunctionCall())
            .ifPresent(d -> calls.add(d.item().asFunctionCall()));
      });
    }
    return calls;
  }
}
