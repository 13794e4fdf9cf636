package dev.keypool.testkit;

import static dev.keypool.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamGeminiTest {
  private static final String BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
  private static FakeUpstream upstream;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  @BeforeEach
  void reset() {
    upstream.reset();
  }

  private static HttpResponse<String> post(String key, String pathAndQuery) {
    return TestHttp.send(HttpRequest.newBuilder(URI.create(upstream.rootUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).header("content-type", "application/json").header("x-goog-api-key", key)
        .POST(HttpRequest.BodyPublishers.ofString(BODY)));
  }

  @Test
  void default_answer_is_a_generate_content_response_for_the_model_in_the_path() {
    HttpResponse<String> r = post("gk", "/v1beta/models/gemini-x:generateContent");

    JsonNode body = json(r.body());
    assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo(Replies.ECHO_TEXT);
    assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-x");
    assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
    assertThat(upstream.requests().getFirst().key()).isEqualTo("gk");
  }

  @Test
  void alt_sse_streams_crlf_events_and_without_it_one_json_array() {
    upstream.script("gk", Replies.geminiTextWithUsage(9, 2, 0, 1, "hmm", "Hel", "lo"));

    HttpResponse<String> sse = post("gk", "/v1beta/models/g:streamGenerateContent?alt=sse");
    assertThat(sse.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(sse.body()).startsWith("data: {").contains("\r\n\r\n");
    List<SseEvent> events = SseEvent.parse(sse.body());
    assertThat(events).hasSize(4);
    assertThat(json(events.getFirst().data()).at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
    JsonNode last = json(events.getLast().data());
    assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(last.at("/usageMetadata/thoughtsTokenCount").asInt()).isEqualTo(1);

    HttpResponse<String> array = post("gk", "/v1beta/models/g:streamGenerateContent");
    assertThat(array.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(json(array.body())).hasSize(4);
  }

  @Test
  void function_calls_carry_their_thought_signature_and_errors_are_google_errors() {
    upstream.script("gk", Replies.geminiToolCall("f", "{\"a\":1}", "c2ln"));
    upstream.script("bad", Replies.geminiError(400, "INVALID_ARGUMENT", "API key not valid.", "API_KEY_INVALID"));
    upstream.script("busy", Replies.rateLimited(WireFormat.GEMINI, Duration.ofSeconds(7)));

    JsonNode call = json(post("gk", "/v1beta/models/g:generateContent").body()).at("/candidates/0/content/parts/0");
    assertThat(call.at("/functionCall/name").asText()).isEqualTo("f");
    assertThat(call.path("thoughtSignature").asText()).isEqualTo("c2ln");

    HttpResponse<String> bad = post("bad", "/v1beta/models/g:generateContent");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");

    HttpResponse<String> busy = post("busy", "/v1beta/models/g:generateContent");
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.headers().firstValue("retry-after")).isEmpty();
    assertThat(json(busy.body()).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(json(busy.body()).at("/error/details/1/retryDelay").asText()).isEqualTo("7s");
  }

  @Test
  void a_key_in_the_query_is_the_credential_and_streams_take_the_usual_faults() {
    upstream.script("qk", Replies.geminiText("a", "b", "c").cutAfterEvents(2));
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(upstream.rootUrl() + "/v1beta/models/g:streamGenerateContent?alt=sse&key=qk"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(BODY));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestHttp.send(request))
        .as("the stream is cut without its terminating chunk").isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(upstream.requests().getFirst().key()).isEqualTo("qk");
    assertThat(upstream.requests().getFirst().sse()).isTrue();
  }
}
