package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.provider.openai.OpenAiCompletions;
import dev.keypool.provider.openai.OpenAiCompletionsStreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy completions to and from the canonical chat model, and a complete answer replayed as a stream. Pure. */
class CompletionsConversionTest {

  @Test
  void a_prompt_becomes_one_user_message_with_the_api_defaults() {
    ChatRequest r = OpenAiCompletions.readRequest(Nodes.parse("""
        {"model":"m","prompt":"Once upon","stop":["\\n","END"],"temperature":0.5,"top_p":0.9,
         "stream":true,"stream_options":{"include_usage":true},"seed":7,"echo":false,"n":1}"""));

    assertThat(r.messages()).singleElement().satisfies(m -> {
      assertThat(m.role()).isEqualTo(Message.Role.USER);
      assertThat(m.content()).containsExactly(new ContentPart.Text("Once upon"));
    });
    assertThat(r.maxTokens()).isEqualTo(16);
    assertThat(r.stop()).containsExactly("\n", "END");
    assertThat(r.temperature()).isEqualTo(0.5);
    assertThat(r.topP()).isEqualTo(0.9);
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
    assertThat(r.extras().fields()).containsOnlyKeys("seed");
  }

  @Test
  void options_without_a_chat_equivalent_are_refused_by_name() {
    for (String option : List.of("\"echo\":true", "\"suffix\":\"x\"", "\"logprobs\":0", "\"best_of\":2", "\"n\":3",
        "\"prompt\":[\"a\",\"b\"]", "\"prompt\":[1,2,3]")) {
      String body = option.startsWith("\"prompt\"") ? "{" + option + "}" : "{\"prompt\":\"p\"," + option + "}";
      assertThatThrownBy(() -> OpenAiCompletions.readRequest(Nodes.parse(body)))
          .as(option).isInstanceOf(UntranslatableRequest.class)
          .hasMessageContaining(option.substring(1, option.indexOf('"', 1)));
    }
  }

  @Test
  void a_completion_read_and_written_again_stays_a_completion_and_its_answer_reads_back() {
    JsonNode body = OpenAiCompletions.writeRequest(OpenAiCompletions.readRequest(Nodes.parse(
        "{\"model\":\"m\",\"prompt\":\"p\",\"max_tokens\":5,\"stop\":\"x\",\"seed\":2}")).withStream(false));
    assertThat(body.toString()).isEqualTo("{\"model\":\"m\",\"prompt\":\"p\",\"max_tokens\":5,\"stop\":[\"x\"],\"seed\":2}");

    ChatResponse answer = OpenAiCompletions.readResponse(Nodes.parse("""
        {"id":"cmpl-1","object":"text_completion","model":"m","choices":[{"text":"ok","index":0,
         "logprobs":null,"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"""));
    assertThat(answer.content()).containsExactly(new ContentPart.Text("ok"));
    assertThat(answer.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(answer.usage().output()).isEqualTo(5);
  }

  @Test
  void a_chat_answer_becomes_a_text_completion() {
    ChatResponse answer = new ChatResponse("id-1", "m", List.of(new ContentPart.Thinking("hmm", null),
        new ContentPart.Text("Hello"), new ContentPart.Text(" world")), StopReason.MAX_TOKENS, null,
        new Usage(10, 2, 0, 0, 0), null);

    JsonNode body = OpenAiCompletions.writeResponse(answer, 1_700_000_000L);

    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    assertThat(body.path("created").asLong()).isEqualTo(1_700_000_000L);
    assertThat(body.at("/choices/0/text").asText()).isEqualTo("Hello world");
    assertThat(body.at("/choices/0/logprobs").isNull()).isTrue();
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(12);
  }

  @Test
  void a_replayed_answer_streams_as_text_completion_chunks_with_usage_when_asked() {
    ChatResponse answer = new ChatResponse("id-2", "m", List.of(new ContentPart.Text("Hi")), StopReason.END_TURN,
        null, new Usage(3, 1, 0, 0, 0), null);
    OpenAiCompletionsStreamEncoder encoder = new OpenAiCompletionsStreamEncoder(true, 5L);

    Buffer out = Buffer.buffer();
    ResponseEvents.of(answer).forEach(e -> out.appendBuffer(encoder.encode(e)));

    List<String> data = out.toString().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(data).hasSize(4).last().isEqualTo("[DONE]");
    assertThat(Nodes.parse(data.get(0)).at("/choices/0/text").asText()).isEqualTo("Hi");
    assertThat(Nodes.parse(data.get(1)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(Nodes.parse(data.get(2)).path("choices")).isEmpty();
    assertThat(Nodes.parse(data.get(2)).at("/usage/prompt_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void a_replayed_answer_keeps_its_blocks_in_order_with_usage_before_the_stop() {
    ChatResponse answer = new ChatResponse("id-3", "m", List.of(new ContentPart.Text("Let me check."),
        new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), StopReason.TOOL_USE, null,
        new Usage(7, 4, 0, 0, 0), null);

    assertThat(ResponseEvents.of(answer)).containsExactly(
        new StreamEvent.MessageStart("id-3", "m"),
        new StreamEvent.TextDelta(0, "Let me check."),
        new StreamEvent.ContentBlockStop(0),
        new StreamEvent.ToolCallStart(1, "call_1", "get_weather"),
        new StreamEvent.ToolCallArgumentsDelta(1, "{\"city\":\"Paris\"}"),
        new StreamEvent.ContentBlockStop(1),
        new StreamEvent.UsageUpdate(new Usage(7, 4, 0, 0, 0)),
        new StreamEvent.MessageStop(StopReason.TOOL_USE, null));
  }
}
