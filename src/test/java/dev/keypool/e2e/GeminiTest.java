package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static dev.keypool.e2e.TranslationTest.anthropicEvents;
import static dev.keypool.e2e.TranslationTest.openAiChunks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini through the real gateway: a Gemini client passed through to a Gemini provider byte for byte,
 * a Gemini client served by OpenAI and Anthropic providers, OpenAI and Anthropic clients served by a
 * Gemini provider (JSON, {@code alt=sse} and JSON-array streams, tool calls, thought signatures), errors
 * in each client's shape, failover between Gemini keys, and usage recorded from {@code usageMetadata}.
 */
class GeminiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = GatewayHarness.WITH_GEMINI;
  static final String BODY = """
      {"systemInstruction":{"parts":[{"text":"Be brief."}]},
       "contents":[{"role":"user","parts":[{"text":"Hi"}]}],
       "generationConfig":{"maxOutputTokens":64,"temperature":0.5,"topP":0.9,"stopSequences":["END"]}}""";
  static final String TOOLS_BODY = """
      {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}],
       "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}]}""";
  static final String ARGS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
  static final String SIGNATURE = "CiQBcsjafE+p/Xz0tCrL7Uy2Q8hYdlPHQmHlm2/Xw5N0rDA==";
  static final String TOOLS_CHAT = """
      {"model":"gemini-test","messages":[{"role":"user","content":"Weather in Paris?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""";

  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.start(CONFIG);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  HttpResponse<String> gemini(String pathAndQuery, String body) throws Exception {
    return h.postRaw(pathAndQuery, body, "content-type", "application/json", "x-goog-api-key", CLIENT_KEY);
  }

  // ---- Gemini client, Gemini provider: pass-through ----

  @Test
  void gemini_client_is_passed_through_with_the_key_from_the_query_never_forwarded() throws Exception {
    String answer = """
        {"candidates":[{"content":{"parts":[{"text":"Hi!"}],"role":"model"},"finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":7,"totalTokenCount":30,
         "cachedContentTokenCount":5,"thoughtsTokenCount":3},"modelVersion":"gemini-upstream","responseId":"r1"}""";
    h.upstream.defaultReply(Replies.raw(WireFormat.GEMINI, 200, "application/json", answer));

    HttpResponse<String> r = h.postRaw("/v1beta/models/gemini-test:generateContent?key=" + CLIENT_KEY, BODY,
        "content-type", "application/json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(answer);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-upstream:generateContent");
    assertThat(sent.query()).as("the client's ?key= never goes upstream").isNull();
    assertThat(sent.header("x-goog-api-key")).isIn("gk-a", "gk-b");
    assertThat(sent.header("authorization")).isNull();
    assertThat(sent.bodyText()).isEqualTo(BODY);
    JsonNode rec = record(r);
    assertThat(rec.path("endpoint").asText()).isEqualTo("/v1beta/models/{model}:generateContent");
    assertThat(rec.toString()).as("the client's key is recorded nowhere").doesNotContain(CLIENT_KEY);
    assertThat(rec.path("model_served").asText()).isEqualTo("gemini-upstream");
    assertThat(rec.path("input_tokens").asLong()).as("prompt minus cached").isEqualTo(15);
    assertThat(rec.path("cache_read_tokens").asLong()).isEqualTo(5);
    assertThat(rec.path("output_tokens").asLong()).as("candidates plus thoughts").isEqualTo(10);
    assertThat(rec.path("reasoning_tokens").asLong()).isEqualTo(3);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void gemini_client_sse_stream_is_passed_through_and_metered_from_the_last_usage_metadata() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(30, 4, 0, 2, "Thinking", "Hel", "lo"));

    HttpResponse<String> r = gemini("/v1beta/models/models/gemini-test:streamGenerateContent?alt=sse", BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body()).contains("\r\n\r\n");
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : sseData(r.body())) {
      for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
        if (!part.path("thought").asBoolean()) {
          text.append(part.path("text").asText());
        }
      }
    }
    assertThat(text).hasToString("Hello");
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-upstream:streamGenerateContent");
    assertThat(sent.query()).isEqualTo("alt=sse");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(30);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(6);
    assertThat(rec.path("reasoning_tokens").asLong()).isEqualTo(2);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void gemini_client_json_array_stream_is_passed_through_and_metered() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(18, 3, 8, 0, null, "One", " two"));

    HttpResponse<String> r = gemini("/v1beta/models/gemini-test:streamGenerateContent", BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("[").endsWith("]");
    assertThat(JSON.readTree(r.body())).hasSize(3);
    assertThat(h.upstream.requests().getFirst().query()).isNull();
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(10);
    assertThat(rec.path("cache_read_tokens").asLong()).isEqualTo(8);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(3);
  }

  @Test
  void count_tokens_is_passed_through_free_and_not_translated() throws Exception {
    h.upstream.defaultReply(Replies.raw(WireFormat.GEMINI, 200, "application/json", "{\"totalTokens\":31}"));

    HttpResponse<String> r = gemini("/v1beta/models/gemini-test:countTokens", BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"totalTokens\":31}");
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1beta/models/gemini-upstream:countTokens");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isZero();
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");

    HttpResponse<String> other = gemini("/v1beta/models/gpt-test:countTokens", BODY);
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(other.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  // ---- Gemini client, other providers ----

  @Test
  void gemini_client_gets_generate_content_from_a_gpt_route() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("Hello there", 11, 7));

    HttpResponse<String> r = gemini("/v1beta/models/gpt-test:generateContent", BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello there");
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(11);
    assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(7);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    JsonNode out = sent.bodyJson();
    assertThat(out.path("model").asText()).isEqualTo("gpt-upstream");
    assertThat(out.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(out.at("/messages/0/content").toString()).contains("Be brief.");
    assertThat(out.at("/messages/1/role").asText()).isEqualTo("user");
    assertThat(out.path("max_completion_tokens").asInt()).isEqualTo(64);
    assertThat(out.path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(out.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(out.at("/stop/0").asText()).isEqualTo("END");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(11);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(7);
  }

  @Test
  void gemini_client_multi_turn_with_an_image_and_tool_results_reaches_a_claude_route() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("A cat, 21 degrees.", 40, 6));
    String body = """
        {"contents":[
          {"role":"user","parts":[{"text":"What is this and the weather?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]},
          {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
          {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"21C"}}}]}],
         "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}}}""";

    HttpResponse<String> r = gemini("/v1beta/models/claude-test:generateContent", body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("A cat, 21 degrees.");
    JsonNode messages = h.upstream.requests().getFirst().bodyJson().path("messages");
    assertThat(messages.at("/0/content/1/type").asText()).isEqualTo("image");
    assertThat(messages.at("/0/content/1/source/media_type").asText()).isEqualTo("image/png");
    assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
    String callId = messages.at("/1/content/0/id").asText();
    assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo(callId);
    assertThat(h.upstream.requests().getFirst().bodyJson().at("/tool_choice/type").asText()).isEqualTo("auto");
  }

  @Test
  void gemini_client_streams_sse_from_a_gpt_route_with_usage() throws Exception {
    h.upstream.defaultReply(Replies.openAiStreamWithUsage(25, 9, "Hel", "lo"));

    HttpResponse<String> r = gemini("/v1beta/models/gpt-test:streamGenerateContent?alt=sse", BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> chunks = sseData(r.body());
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/candidates/0/content/parts/0/text").asText("")));
    assertThat(text).hasToString("Hello");
    JsonNode last = chunks.getLast();
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(25);
    assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(9);
    assertThat(h.upstream.requests().getFirst().bodyJson().at("/stream_options/include_usage").asBoolean()).isTrue();
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(25);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(9);
  }

  @Test
  void gemini_client_streams_a_json_array_tool_call_from_a_claude_route() throws Exception {
    h.upstream.defaultReply(Replies.anthropicToolUseStream("get_weather", ARGS));

    HttpResponse<String> r = gemini("/v1beta/models/claude-test:streamGenerateContent", TOOLS_BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    JsonNode array = JSON.readTree(r.body());
    assertThat(array.isArray()).isTrue();
    JsonNode call = null;
    for (JsonNode chunk : array) {
      for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
        call = part.has("functionCall") ? part.get("functionCall") : call;
      }
    }
    assertThat(call).isNotNull();
    assertThat(call.path("name").asText()).isEqualTo("get_weather");
    assertThat(call.path("args")).isEqualTo(JSON.readTree(ARGS));
    assertThat(array.get(array.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(h.upstream.requests().getFirst().path()).isEqualTo("/v1/messages");
    assertThat(sent.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(sent.path("stream").asBoolean()).isTrue();
  }

  // ---- OpenAI and Anthropic clients, Gemini provider ----

  @Test
  void openai_client_tool_call_from_gemini_keeps_the_thought_signature_for_the_next_turn() throws Exception {
    h.upstream.defaultReply(Replies.geminiToolCall("get_weather", ARGS, SIGNATURE));

    HttpResponse<String> r = h.post("/v1/chat/completions", TOOLS_CHAT);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode message = JSON.readTree(r.body()).at("/choices/0/message");
    assertThat(JSON.readTree(r.body()).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode call = message.at("/tool_calls/0");
    assertThat(call.path("id").asText()).startsWith("gts_").matches("[A-Za-z0-9_-]+");
    assertThat(JSON.readTree(call.at("/function/arguments").asText())).isEqualTo(JSON.readTree(ARGS));
    RecordedRequest first = h.upstream.requests().getFirst();
    assertThat(first.path()).isEqualTo("/v1beta/models/gemini-upstream:generateContent");
    assertThat(first.bodyJson().at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");

    h.upstream.reset();
    h.upstream.defaultReply(Replies.geminiText("It is 21 degrees."));
    String followUp = TOOLS_CHAT.replace("\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]",
        "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}," + message
            + ",{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText() + "\",\"content\":\"21C\"}]");
    HttpResponse<String> second = h.post("/v1/chat/completions", followUp);

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText()).isEqualTo("It is 21 degrees.");
    JsonNode contents = h.upstream.requests().getFirst().bodyJson().path("contents");
    assertThat(contents.at("/1/role").asText()).isEqualTo("model");
    assertThat(contents.at("/1/parts/0/functionCall/name").asText()).isEqualTo("get_weather");
    assertThat(contents.at("/1/parts/0/thoughtSignature").asText()).isEqualTo(SIGNATURE);
    assertThat(contents.at("/2/role").asText()).isEqualTo("user");
    assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
    assertThat(contents.at("/2/parts/0/functionResponse/response/output").asText()).isEqualTo("21C");
  }

  @Test
  void openai_client_streams_from_gemini_with_cached_and_reasoning_usage() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(40, 6, 10, 4, null, "Hi", " there"));
    String body = GatewayHarness.chatStream("gemini-test")
        .replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");

    HttpResponse<String> r = h.post("/v1/chat/completions", body);

    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> chunks = openAiChunks(r.body());
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text).hasToString("Hi there");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    JsonNode usage = chunks.getLast().path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(40);
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(10);
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(10);
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(4);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-upstream:streamGenerateContent");
    assertThat(sent.query()).isEqualTo("alt=sse");
    assertThat(sent.header("x-goog-api-key")).isIn("gk-a", "gk-b");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(30);
    assertThat(rec.path("cache_read_tokens").asLong()).isEqualTo(10);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(10);
    assertThat(rec.path("reasoning_tokens").asLong()).isEqualTo(4);
    assertThat(rec.path("cost_nanos").asLong()).isEqualTo(30 * 1_000 + 10 * 250 + 10 * 4_000);
  }

  @Test
  void anthropic_client_streams_thinking_and_text_from_gemini() throws Exception {
    h.upstream.defaultReply(Replies.geminiTextWithUsage(12, 5, 0, 0, "Let me think", "Hello"));
    String body = "{\"model\":\"gemini-test\",\"max_tokens\":64,\"stream\":true,\"system\":\"Be brief.\","
        + "\"stop_sequences\":[\"END\"],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    HttpResponse<String> r = h.post("/v1/messages", body, "anthropic-version", "2023-06-01");

    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> events = anthropicEvents(r.body());
    assertThat(events.getFirst().path("type").asText()).isEqualTo("message_start");
    assertThat(events).anyMatch(e -> "thinking_delta".equals(e.at("/delta/type").asText())
        && "Let me think".equals(e.at("/delta/thinking").asText()));
    assertThat(events).anyMatch(e -> "Hello".equals(e.at("/delta/text").asText()));
    JsonNode delta = events.stream().filter(e -> "message_delta".equals(e.path("type").asText())).findFirst().orElseThrow();
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(events.getLast().path("type").asText()).isEqualTo("message_stop");
    JsonNode sent = h.upstream.requests().getFirst().bodyJson();
    assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
    assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(64);
    assertThat(sent.at("/generationConfig/stopSequences/0").asText()).isEqualTo("END");
    JsonNode rec = record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(12);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(5);
  }

  // ---- errors and failover ----

  @Test
  void gemini_upstream_error_reaches_an_openai_client_in_its_shape() throws Exception {
    h.upstream.defaultReply(Replies.geminiError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", null));

    HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("gemini-test"));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(r.body()).path("error");
    assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(err.path("message").asText()).contains("invalid argument");
    assertThat(h.upstream.requests()).as("a caller fault is not retried").hasSize(1);
  }

  @Test
  void gemini_client_errors_are_in_googles_shape() throws Exception {
    HttpResponse<String> unknown = gemini("/v1beta/models/no-such-model:generateContent", BODY);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    assertThat(JSON.readTree(unknown.body()).at("/error/code").asInt()).isEqualTo(404);

    HttpResponse<String> noKey = h.postRaw("/v1beta/models/gemini-test:generateContent", BODY);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(noKey.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");

    HttpResponse<String> unknownMethod = gemini("/v1beta/models/gemini-test:embedText", BODY);
    assertThat(unknownMethod.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknownMethod.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");

    h.upstream.defaultReply(Replies.anthropicError(400, "invalid_request_error", "messages: bad"));
    HttpResponse<String> mapped = gemini("/v1beta/models/claude-test:generateContent", BODY);
    assertThat(mapped.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(mapped.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void a_rate_limited_gemini_key_fails_over_to_the_other() throws Exception {
    h.upstream.script("gk-a", Replies.rateLimited(WireFormat.GEMINI, Duration.ofSeconds(30)));
    h.upstream.script("gk-b", Replies.geminiText("fine"));

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = gemini("/v1beta/models/gemini-test:generateContent", BODY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("fine");
    }
    assertThat(h.upstream.requestsFor("gk-a")).as("429 once, then cooling down").hasSize(1);
    assertThat(h.upstream.requestsFor("gk-b")).hasSize(2);
  }

  @Test
  void an_invalid_gemini_key_fails_over_to_the_other() throws Exception {
    h.upstream.script("gk-a", Replies.geminiError(400, "INVALID_ARGUMENT",
        "API key not valid. Please pass a valid API key.", "API_KEY_INVALID"));
    h.upstream.script("gk-b", Replies.geminiText("fine"));

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("gemini-test"));
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(h.upstream.requestsFor("gk-b")).hasSize(2);
  }

  static List<JsonNode> sseData(String body) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : body.split("\r?\n")) {
      if (line.startsWith("data: ")) {
        out.add(JSON.readTree(line.substring(6).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  JsonNode record(HttpResponse<String> response) throws Exception {
    return h.record(response);
  }
}
