package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Legacy {@code POST /v1/completions}: passed through to OpenAI upstreams, translated into chat for
 * Anthropic and for OpenAI-compatible providers that serve chat only, options chat cannot honour refused.
 */
class CompletionsTest extends SseGatewayTest {
  static final String CONFIG = GatewayHarness.STANDARD.replace("models:\n", """
        - id: chat-only
          format: openai
          base_url: UPSTREAM
          completions: false
          keys:
            - { name: c, secret: sk-c }
      models:
        - { id: chat-only-test, candidates: [ { provider: chat-only, model: chat-upstream } ] }
      """);
  static final String PROMPT = "{\"model\":\"gpt-test\",  \"prompt\":\"Say this is a test\",\"max_tokens\":7,\"seed\":3}";

  @Override
  String config() {
    return CONFIG;
  }

  @Test
  void passthrough_sends_the_body_with_only_the_model_changed_and_returns_the_upstream_bytes() throws Exception {
    h.upstream.defaultReply(Replies.openAiTextCompletion("This is a test.", 5, 4));
    HttpResponse<String> r = h.post("/v1/completions", PROMPT);

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/completions");
    assertThat(new String(sent.body())).isEqualTo(PROMPT.replace("gpt-test", "gpt-upstream"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    assertThat(body.at("/choices/0/text").asText()).isEqualTo("This is a test.");
    JsonNode rec = h.record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(5);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(4);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void passthrough_stream_asks_for_usage_and_hides_the_usage_chunk_from_a_client_that_did_not() throws Exception {
    h.upstream.defaultReply(Replies.openAiTextCompletionStream(6, 3, "This", " is", " fine"));
    HttpResponse<String> r = h.post("/v1/completions", PROMPT.replace("\"seed\":3", "\"stream\":true"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests().getFirst().bodyJson().at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(r.body()).doesNotContain("prompt_tokens").contains("\"text\":\" fine\"").endsWith("data: [DONE]\n\n");
    JsonNode rec = h.record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(6);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(3);
    assertThat(rec.path("usage_source").asText()).isEqualTo("provider");
  }

  @Test
  void passthrough_returns_the_upstream_bytes_exactly_json_and_stream() throws Exception {
    String json = "{\"id\":\"cmpl-x\",\"object\":\"text_completion\",  \"created\":1,\"model\":\"gpt-upstream\","
        + "\"choices\":[{\"text\":\"a\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3},\"extra\":1.50}";
    h.upstream.defaultReply(Replies.raw(WireFormat.OPENAI, 200, "application/json", json));
    assertThat(h.post("/v1/completions", PROMPT).body()).isEqualTo(json);

    String sse = "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[{\"text\":\"a\",\"index\":0,"
        + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
        + "data: {\"id\":\"c\",\"object\":\"text_completion\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}\n\ndata: [DONE]\n\n";
    h.upstream.defaultReply(Replies.raw(WireFormat.OPENAI, 200, "text/event-stream", sse));
    HttpResponse<String> r = h.post("/v1/completions",
        PROMPT.replace("\"seed\":3", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertThat(r.body()).isEqualTo(sse);
    assertThat(h.record(r).path("input_tokens").asLong()).isEqualTo(2);
    assertThat(h.record(r).path("output_tokens").asLong()).isEqualTo(1);
  }

  @Test
  void passthrough_stream_keeps_the_usage_chunk_for_a_client_that_asked() throws Exception {
    h.upstream.defaultReply(Replies.openAiTextCompletionStream(6, 3, "ok"));
    HttpResponse<String> r = h.post("/v1/completions",
        PROMPT.replace("\"seed\":3", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    List<SseEvent> events = SseEvent.parse(r.body());
    assertThat(JSON.readTree(events.get(events.size() - 2).data()).at("/usage/completion_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void a_claude_route_answers_a_text_completion() throws Exception {
    h.upstream.defaultReply(Replies.anthropicMessage("Translated answer", 12, 2));
    HttpResponse<String> r = h.post("/v1/completions",
        "{\"model\":\"claude-test\",\"prompt\":[\"Complete me\"],\"stop\":\"\\n\",\"temperature\":0.2}");

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    JsonNode up = sent.bodyJson();
    assertThat(up.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(up.at("/messages/0/content").toString()).contains("Complete me");
    assertThat(up.path("max_tokens").asInt()).as("the completions API's default").isEqualTo(16);
    assertThat(up.at("/stop_sequences/0").asText()).isEqualTo("\n");
    assertThat(up.path("temperature").asDouble()).isEqualTo(0.2);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    assertThat(body.at("/choices/0/text").asText()).isEqualTo("Translated answer");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    JsonNode rec = h.record(r);
    assertThat(rec.path("input_tokens").asLong()).isEqualTo(12);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(2);
  }

  @Test
  void a_claude_route_streams_text_completion_chunks() throws Exception {
    h.upstream.defaultReply(Replies.anthropicStreamWithUsage(8, 3, "Hel", "lo"));
    HttpResponse<String> r = h.post("/v1/completions", "{\"model\":\"claude-test\",\"prompt\":\"Hi\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true}}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    List<JsonNode> chunks = dataChunks(r.body());
    chunks.forEach(c -> assertThat(c.path("object").asText()).isEqualTo("text_completion"));
    chunks.forEach(c -> text.append(c.at("/choices/0/text").asText("")));
    assertThat(text).hasToString("Hello");
    assertThat(chunks).anyMatch(c -> "stop".equals(c.at("/choices/0/finish_reason").asText()));
    assertThat(chunks.getLast().at("/usage/prompt_tokens").asInt()).isEqualTo(8);
    JsonNode rec = h.record(r);
    assertThat(rec.path("output_tokens").asLong()).isEqualTo(3);
  }

  @Test
  void a_chat_only_openai_provider_gets_chat_completions() throws Exception {
    h.upstream.defaultReply(Replies.openAiChat("From chat", 4, 2));
    HttpResponse<String> r = h.post("/v1/completions", "{\"model\":\"chat-only-test\",\"prompt\":\"Hi\",\"seed\":1}");

    assertThat(r.statusCode()).isEqualTo(200);
    RecordedRequest sent = h.upstream.requests().getFirst();
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.bodyJson().at("/messages/0/content").asText()).isEqualTo("Hi");
    assertThat(sent.bodyJson().path("seed").asInt()).as("unknown fields survive").isEqualTo(1);
    assertThat(JSON.readTree(r.body()).at("/choices/0/text").asText()).isEqualTo("From chat");
  }

  @Test
  void options_without_a_chat_equivalent_are_a_400_in_openai_shape_when_translation_is_needed() throws Exception {
    for (String option : List.of("\"echo\":true", "\"suffix\":\"end\"", "\"logprobs\":2", "\"best_of\":3", "\"n\":2")) {
      HttpResponse<String> r = h.post("/v1/completions", "{\"model\":\"claude-test\",\"prompt\":\"Hi\"," + option + "}");
      assertThat(r.statusCode()).as(option).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("message").asText()).contains(option.substring(1, option.indexOf('"', 1)));
    }
    assertThat(h.upstream.requests()).isEmpty();
  }
}
