package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/responses}: passed through byte for byte to a provider with the Responses API, and
 * translated to chat for an Anthropic provider and for an OpenAI-compatible provider without it (the
 * standard {@code openai} provider of the harness, whose base URL is not OpenAI's), JSON and SSE, with
 * exact accounting from the upstream's figures.
 */
class ResponsesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = GatewayHarness.WITH_GEMINI.replace("models:\n", """
        - id: openai-responses
          format: openai
          base_url: UPSTREAM
          responses: true
          keys:
            - { name: r, secret: sk-r }
      models:
        - { id: resp-test, candidates: [ { provider: openai-responses, model: gpt-upstream } ] }
        - id: mixed-test
          candidates: [ { provider: openai, model: gpt-upstream }, { provider: openai-responses, model: gpt-upstream } ]
      """) + """
        gpt-upstream: { input: 2.00, output: 8.00, cache_read: 0.50 }
      """;
  static final String ARGS = TranslationTest.ARGS;

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  static String request(String model, boolean stream) {
    return """
        {"model":"%s","instructions":"Be brief.","max_output_tokens":300,"stream":%s,
         "input":[{"role":"user","content":[{"type":"input_text","text":"Hello"}]}],"x_unknown":{"kept":[1,2.50]}}"""
        .formatted(model, stream);
  }

  static String toolRequest(String model) {
    return """
        {"model":"%s","stream":true,"input":"Weather in Paris?",
         "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}"""
        .formatted(model);
  }

  // ---- pass-through ----

  @Test
  void a_responses_provider_gets_the_body_byte_for_byte_and_the_client_the_answer_byte_for_byte() throws Exception {
    String answer = """
        {"id":"resp_1","object":"response","status":"completed","model":"gpt-upstream","output":[],
         "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":30,
                  "output_tokens_details":{"reasoning_tokens":10},"total_tokens":130}}""";
    h.upstream.defaultReply(Replies.raw(WireFormat.OPENAI, 200, "application/json", answer));
    String body = request("resp-test", false);
    HttpResponse<String> r = h.post("/v1/responses", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(answer);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/responses");
    assertThat(sent.key()).isEqualTo("sk-r");
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo(body.replace("resp-test", "gpt-upstream"));
    assertRecord(r, 60, 40, 30, 10, "provider");
  }

  @Test
  void a_passed_through_stream_is_relayed_event_by_event_and_metered_from_response_completed() throws Exception {
    h.upstream.defaultReply(Replies.responsesTextWithUsage(100, 40, 30, 10, "Hel", "lo"));
    HttpResponse<String> r = h.post("/v1/responses", request("resp-test", true));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<SseEvent> events = SseEvent.parse(r.body());
    assertThat(events).extracting(SseEvent::event).startsWith("response.created", "response.in_progress")
        .endsWith("response.completed");
    assertThat(r.body()).doesNotContain("[DONE]");
    assertRecord(r, 60, 40, 30, 10, "provider");
  }

  @Test
  void a_passed_through_stream_reaches_the_client_byte_for_byte() throws Exception {
    List<SseEvent> events = List.of(
        new SseEvent("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_9\"}}"),
        new SseEvent("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"delta\":\"Hi\"}"),
        new SseEvent("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
            + "{\"id\":\"resp_9\",\"usage\":{\"input_tokens\":8,\"output_tokens\":2,\"total_tokens\":10}}}"));
    h.upstream.defaultReply(Replies.sse(WireFormat.OPENAI, events));
    HttpResponse<String> r = h.post("/v1/responses", request("resp-test", true));

    StringBuilder wire = new StringBuilder();
    events.forEach(e -> wire.append(e.wire()));
    assertThat(r.body()).isEqualTo(wire.toString());
    assertRecord(r, 8, 0, 2, 0, "provider");
  }

  @Test
  void a_passed_through_stream_cut_before_response_completed_is_estimated() throws Exception {
    h.upstream.defaultReply(Replies.responsesTextWithUsage(100, 40, 30, 10, "Hel", "lo", " there").cutAfterEvents(6));
    HttpResponse<String> r = h.post("/v1/responses", request("resp-test", true));

    assertThat(r.body()).doesNotContain("response.completed");
    JsonNode rec = h.record(r);
    assertThat(rec.path("usage_source").asText()).isEqualTo("estimated");
  }

  @Test
  void stateful_fields_pass_through_to_a_responses_provider() throws Exception {
    HttpResponse<String> r = h.post("/v1/responses",
        "{\"model\":\"resp-test\",\"previous_response_id\":\"resp_0\",\"store\":true,\"input\":\"Next\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getFirst().bodyJson().path("previous_response_id").asText()).isEqualTo("resp_0");
  }

  // ---- translated ----

  @Test
  void a_claude_route_answers_a_response_object() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("Hello there", 11, 7));
    HttpResponse<String> r = h.post("/v1/responses", request("claude-test", false));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("object").asText()).isEqualTo("response");
    assertThat(body.path("status").asText()).isEqualTo("completed");
    assertThat(body.at("/output/0/type").asText()).isEqualTo("message");
    assertThat(body.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
    assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Hello there");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(11);
    assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(7);

    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-upstream");
    assertThat(sent.bodyJson().path("max_tokens").asInt()).isEqualTo(300);
    assertThat(sent.bodyJson().at("/system").toString()).contains("Be brief.");
    assertThat(sent.bodyJson().at("/messages/0/content").toString()).contains("Hello");
    assertThat(sent.bodyJson().has("x_unknown")).as("a Responses-only field is not sent to Anthropic").isFalse();
    assertRecord(r, 11, 0, 7, 0, "provider");
  }

  @Test
  void a_chat_only_openai_route_streams_response_events() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(25, 9, "Hel", "lo", " world"));
    HttpResponse<String> r = h.post("/v1/responses", request("gpt-test", true));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<SseEvent> events = SseEvent.parse(r.body());
    assertThat(events).extracting(SseEvent::event).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", "response.completed");
    List<JsonNode> data = data(events);
    for (int i = 0; i < data.size(); i++) {
      assertThat(data.get(i).path("sequence_number").asInt()).isEqualTo(i);
      assertThat(data.get(i).path("type").asText()).isEqualTo(events.get(i).event());
    }
    StringBuilder text = new StringBuilder();
    data.stream().filter(d -> d.path("type").asText().equals("response.output_text.delta"))
        .forEach(d -> text.append(d.path("delta").asText()));
    assertThat(text).hasToString("Hello world");
    JsonNode completed = data.getLast().path("response");
    assertThat(completed.path("status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Hello world");
    assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(25);
    assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(9);

    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.bodyJson().at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(sent.bodyJson().at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.bodyJson().path("max_completion_tokens").asInt(sent.bodyJson().path("max_tokens").asInt()))
        .isEqualTo(300);
    assertRecord(r, 25, 0, 9, 0, "provider");
  }

  @Test
  void a_streamed_function_call_from_claude_arrives_as_function_call_events() throws Exception {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", ARGS));
    HttpResponse<String> r = h.post("/v1/responses", toolRequest("claude-test"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> data = data(SseEvent.parse(r.body()));
    StringBuilder args = new StringBuilder();
    data.stream().filter(d -> d.path("type").asText().equals("response.function_call_arguments.delta"))
        .forEach(d -> args.append(d.path("delta").asText()));
    assertThat(args).hasToString(ARGS);
    JsonNode added = data.stream().filter(d -> d.path("type").asText().equals("response.output_item.added"))
        .findFirst().orElseThrow().path("item");
    assertThat(added.path("type").asText()).isEqualTo("function_call");
    assertThat(added.path("name").asText()).isEqualTo("get_weather");
    JsonNode done = data.stream().filter(d -> d.path("type").asText().equals("response.function_call_arguments.done"))
        .findFirst().orElseThrow();
    assertThat(done.path("arguments").asText()).isEqualTo(ARGS);
    JsonNode call = data.getLast().path("response").at("/output/0");
    assertThat(call.path("type").asText()).isEqualTo("function_call");
    assertThat(call.path("call_id").asText()).isEqualTo(added.path("call_id").asText()).isNotEmpty();
    assertThat(call.path("arguments").asText()).isEqualTo(ARGS);

    JsonNode tools = h.upstream.requests().getFirst().bodyJson().path("tools");
    assertThat(tools.at("/0/name").asText()).isEqualTo("get_weather");
    assertThat(tools.at("/0/input_schema/type").asText()).isEqualTo("object");
  }

  @Test
  void the_function_result_turn_reaches_a_chat_only_provider_as_tool_messages() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("It is sunny."));
    HttpResponse<String> r = h.post("/v1/responses", """
        {"model":"gpt-test","input":[
          {"role":"developer","content":"Use tools."},
          {"role":"user","content":"Weather in Paris?"},
          {"type":"function_call","call_id":"call_9","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
          {"type":"function_call_output","call_id":"call_9","output":"18C"}],
         "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],"tool_choice":"required"}""");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).at("/output/0/content/0/text").asText()).isEqualTo("It is sunny.");
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/2/tool_calls/0/id").asText()).isEqualTo("call_9");
    assertThat(sent.at("/messages/3/role").asText()).isEqualTo("tool");
    assertThat(sent.at("/messages/3/tool_call_id").asText()).isEqualTo("call_9");
    assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
  }

  @Test
  void a_gemini_route_streams_response_events_with_cached_and_reasoning_usage() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(40, 6, 30, 4, "Thinking it over.", "Bon", "jour"));
    HttpResponse<String> r = h.post("/v1/responses", request("gemini-test", true));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> data = data(SseEvent.parse(r.body()));
    StringBuilder text = new StringBuilder();
    data.stream().filter(d -> d.path("type").asText().equals("response.output_text.delta"))
        .forEach(d -> text.append(d.path("delta").asText()));
    assertThat(text).hasToString("Bonjour");
    JsonNode completed = data.getLast();
    assertThat(completed.path("type").asText()).isEqualTo("response.completed");
    assertThat(completed.at("/response/output/0/type").asText()).isEqualTo("reasoning");
    assertThat(completed.at("/response/output/0/summary/0/text").asText()).isEqualTo("Thinking it over.");
    // Gemini counts thoughts beside the candidates; the Responses shape has them inside output_tokens.
    assertThat(completed.at("/response/usage/input_tokens").asInt()).isEqualTo(40);
    assertThat(completed.at("/response/usage/input_tokens_details/cached_tokens").asInt()).isEqualTo(30);
    assertThat(completed.at("/response/usage/output_tokens").asInt()).isEqualTo(10);
    assertThat(completed.at("/response/usage/output_tokens_details/reasoning_tokens").asInt()).isEqualTo(4);
    assertThat(h.upstream.requests().getFirst().path()).endsWith(":streamGenerateContent");
    assertRecord(r, 10, 30, 10, 4, "provider");
  }

  @Test
  void stateful_fields_on_a_translated_route_get_a_clear_400_in_openai_shape() throws Exception {
    HttpResponse<String> r = h.post("/v1/responses",
        "{\"model\":\"claude-test\",\"previous_response_id\":\"resp_0\",\"input\":\"Next\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains("previous_response_id").contains("not supported");
    assertThat(h.upstream.requests()).isEmpty();

  }

  @Test
  void hosted_tools_on_a_translated_route_are_dropped_and_named_in_a_header() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hi."));
    HttpResponse<String> r = h.post("/v1/responses",
        "{\"model\":\"gpt-test\",\"input\":\"Hi\",\"tools\":[{\"type\":\"web_search\"},{\"type\":\"file_search\"}]}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-keypool-dropped-tools")).hasValue("web_search,file_search");
    assertThat(h.upstream.requests().getFirst().bodyJson().has("tools")).isFalse();
  }

  @Test
  void a_pass_through_attempt_after_a_translated_one_names_no_dropped_tool() throws Exception {
    // The translated candidate (chat only) fails on both keys; the Responses provider then gets the body
    // as it came, hosted tools included, so nothing was dropped from the request it answers.
    h.upstream.script("sk-a", Replies.openAiError(500, "server_error", null, "boom"));
    h.upstream.script("sk-b", Replies.openAiError(500, "server_error", null, "boom"));
    String answer = """
        {"id":"resp_2","object":"response","status":"completed","model":"gpt-upstream","output":[],
         "usage":{"input_tokens":5,"output_tokens":1,"total_tokens":6}}""";
    h.upstream.script("sk-r", Replies.raw(WireFormat.OPENAI, 200, "application/json", answer));
    String body = "{\"model\":\"mixed-test\",\"input\":\"Hi\",\"tools\":[{\"type\":\"web_search\"}]}";
    HttpResponse<String> r = h.post("/v1/responses", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(answer);
    assertThat(h.upstream.requests()).hasSize(3);
    assertThat(h.upstream.requests().getLast().bodyJson().at("/tools/0/type").asText()).isEqualTo("web_search");
    assertThat(r.headers().firstValue("x-keypool-dropped-tools")).isEmpty();
  }

  @Test
  void an_upstream_error_on_a_translated_route_is_in_openai_shape() throws Exception {
    h.upstream.defaultReply(Replies.anthropicError(400, "invalid_request_error", "max_tokens: too large"));
    HttpResponse<String> r = h.post("/v1/responses", request("claude-test", false));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains("max_tokens: too large");
  }

  private void assertRecord(HttpResponse<String> r, long input, long cacheRead, long output, long reasoning,
      String source) throws Exception {
    JsonNode rec = h.record(r);
    assertThat(rec.path("usage_source").asText()).isEqualTo(source);
    assertThat(new long[] {rec.path("input_tokens").asLong(), rec.path("cache_read_tokens").asLong(),
        rec.path("output_tokens").asLong(), rec.path("reasoning_tokens").asLong()})
        .containsExactly(input, cacheRead, output, reasoning);
    assertThat(rec.path("endpoint").asText("/v1/responses")).isEqualTo("/v1/responses");
  }

  private static List<JsonNode> data(List<SseEvent> events) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (SseEvent e : events) {
      out.add(JSON.readTree(e.data()));
    }
    return out;
  }
}
