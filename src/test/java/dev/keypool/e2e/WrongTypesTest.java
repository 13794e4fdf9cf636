package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body whose top-level fields have a type no API accepts is refused by the gateway in the called
 * endpoint's error shape, without an upstream call; every type a real client sends still goes through.
 */
class WrongTypesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HI = "[{\"role\":\"user\",\"content\":\"Hi\"}]";
  static final String GEMINI_HI = "[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]";
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.start(GatewayHarness.WITH_GEMINI);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void forget() {
    h.upstream.reset();
  }

  @Test
  void openai_endpoints_refuse_wrong_types_in_openai_shape() throws Exception {
    String[][] cases = {
        {"/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":\"Hi\"}", "messages"},
        {"/v1/chat/completions", "{\"model\":[\"gpt-test\"],\"messages\":" + HI + "}", "model"},
        {"/v1/chat/completions", "{\"model\":\"gpt-test\",\"stream\":\"yes\",\"messages\":" + HI + "}", "stream"},
        {"/v1/chat/completions", "{\"model\":\"gpt-test\",\"max_tokens\":\"100\",\"messages\":" + HI + "}", "max_tokens"},
        {"/v1/responses", "{\"model\":\"gpt-test\",\"input\":42}", "input"},
        {"/v1/embeddings", "{\"model\":\"embed-test\",\"input\":{\"text\":\"hi\"}}", "input"},
        {"/v1/completions", "{\"model\":\"gpt-test\",\"prompt\":\"Hi\",\"stop\":7}", "stop"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = h.post(c[0], c[1]);
      assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
      JsonNode err = JSON.readTree(r.body()).path("error");
      assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(err.path("code").asText()).isEqualTo("invalid_type");
      assertThat(err.path("message").asText()).as(c[1]).startsWith("Invalid type for '" + c[2] + "'");
    }
    assertThat(h.upstream.requests()).isEmpty();
  }

  @Test
  void anthropic_endpoints_refuse_wrong_types_in_anthropic_shape() throws Exception {
    for (String body : new String[] {
        "{\"model\":\"claude-test\",\"max_tokens\":64,\"messages\":{\"role\":\"user\"}}",
        "{\"model\":\"claude-test\",\"max_tokens\":64,\"system\":5,\"messages\":" + HI + "}",
        "{\"model\":\"claude-test\",\"max_tokens\":64,\"stream\":1,\"messages\":" + HI + "}"}) {
      for (String path : new String[] {"/v1/messages", "/v1/messages/count_tokens"}) {
        HttpResponse<String> r = h.post(path, body, "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.path("type").asText()).isEqualTo("error");
        assertThat(root.path("error").path("type").asText()).isEqualTo("invalid_request_error");
      }
    }
    assertThat(h.upstream.requests()).isEmpty();
  }

  @Test
  void gemini_refuses_contents_that_are_not_a_list_in_gemini_shape() throws Exception {
    HttpResponse<String> r = h.postRaw("/v1beta/models/gemini-test:generateContent?key=" + CLIENT_KEY,
        "{\"contents\":{\"parts\":[{\"text\":\"Hi\"}]}}", "content-type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(r.body()).path("error");
    assertThat(err.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(err.path("message").asText()).startsWith("Invalid type for 'contents'");
    assertThat(h.upstream.requests()).isEmpty();
  }

  @Test
  void the_types_real_clients_send_go_upstream() throws Exception {
    String[][] ok = {
        {"/v1/chat/completions", "{\"model\":\"gpt-test\",\"stop\":\"END\",\"stream\":null,\"messages\":" + HI + "}"},
        {"/v1/chat/completions", "{\"model\":\"gpt-test\",\"stop\":[\"a\",\"b\"],\"temperature\":0.2,\"max_tokens\":16,"
            + "\"tools\":null,\"messages\":" + HI + "}"},
        {"/v1/responses", "{\"model\":\"gpt-test\",\"input\":\"Hi\"}"},
        {"/v1/responses", "{\"model\":\"gpt-test\",\"input\":" + HI + ",\"max_output_tokens\":32}"},
        {"/v1/embeddings", "{\"model\":\"embed-test\",\"input\":[\"a\",\"b\"]}"},
        {"/v1/messages", "{\"model\":\"claude-test\",\"max_tokens\":64,\"system\":[{\"type\":\"text\",\"text\":\"Be brief\"}],"
            + "\"stop_sequences\":[\"END\"],\"top_k\":5,\"messages\":" + HI + "}"},
        {"/v1/messages", "{\"model\":\"claude-test\",\"max_tokens\":64,\"system\":\"Be brief\",\"messages\":" + HI + "}"},
    };
    for (String[] c : ok) {
      assertThat(h.post(c[0], c[1], "anthropic-version", "2023-06-01").statusCode()).as(c[1]).isEqualTo(200);
    }
    HttpResponse<String> gemini = h.postRaw("/v1beta/models/gemini-test:generateContent?key=" + CLIENT_KEY,
        "{\"contents\":" + GEMINI_HI + ",\"generationConfig\":{\"maxOutputTokens\":8}}", "content-type", "application/json");
    assertThat(gemini.statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests()).hasSize(ok.length + 1);
  }
}
