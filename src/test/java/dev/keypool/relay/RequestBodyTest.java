package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

  static RequestBody parse(String json) {
    return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static String rewritten(String json, String model) {
    return parse(json).withModel(model).toString(StandardCharsets.UTF_8);
  }

  @Test
  void only_the_top_level_model_value_is_replaced() {
    String json = "{\"metadata\":{\"model\":\"inner\"},\"model\":\"outer\",\"tools\":[{\"model\":\"x\"}],\"n\":1.50}";
    assertThat(parse(json).model()).isEqualTo("outer");
    assertThat(rewritten(json, "gpt-4o")).isEqualTo(json.replace("\"outer\"", "\"gpt-4o\""));
  }

  @Test
  void a_clamped_cap_takes_an_anthropic_thinking_budget_below_it_and_nothing_else() {
    String json = "{\"model\":\"m\",\"max_tokens\":32000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
        + "\"metadata\":{\"budget_tokens\":50000}}";
    RequestBody body = parse(json);
    assertThat(body.maxOutputTokens()).isEqualTo(32000);
    assertThat(body.forUpstream("m", false, 8192).toString(StandardCharsets.UTF_8)).isEqualTo(json
        .replace("32000", "8192").replace("31999", "8191"));
    // A budget already below the limit stays.
    String small = json.replace("31999", "4096");
    assertThat(parse(small).forUpstream("m", false, 8192).toString(StandardCharsets.UTF_8))
        .isEqualTo(small.replace("32000", "8192"));
  }

  @Test
  void unchanged_model_keeps_the_exact_bytes() {
    String json = "{ \"model\" :\t\"same\" ,\n \"unknown\": [1e3, -0.0] }";
    assertThat(rewritten(json, "same")).isEqualTo(json);
  }

  @Test
  void names_needing_escapes_are_read_and_written_as_json() {
    String json = "{\"model\":\"a\\\"b\\u00e9\",\"stream\":true}";
    RequestBody body = parse(json);
    assertThat(body.model()).isEqualTo("a\"bé");
    assertThat(body.stream()).isTrue();
    assertThat(rewritten(json, "new/\"model\"")).isEqualTo("{\"model\":\"new/\\\"model\\\"\",\"stream\":true}");
  }

  @Test
  void multibyte_text_before_the_model_keeps_offsets_right() {
    String json = "{\"messages\":[{\"content\":\"héllo 你好 😀\"}],\"model\":\"m\"}";
    assertThat(rewritten(json, "longer-model")).isEqualTo(json.replace("\"m\"", "\"longer-model\""));
  }

  @Test
  void stream_is_false_unless_literally_true() {
    assertThat(parse("{\"model\":\"m\"}").stream()).isFalse();
    assertThat(parse("{\"model\":\"m\",\"stream\":null}").stream()).isFalse();
    assertThat(parse("{\"model\":\"m\",\"stream\":false}").stream()).isFalse();
    assertThat(parse("{\"model\":\"m\",\"stream\":true}").stream()).isTrue();
  }

  @Test
  void top_level_fields_of_a_type_no_endpoint_accepts_are_400s() {
    String[][] cases = {
        {"\"messages\":\"hi\"", "Invalid type for 'messages': expected an array, but got a string instead."},
        {"\"messages\":null", "Invalid type for 'messages': expected an array, but got null instead."},
        {"\"contents\":{}", "Invalid type for 'contents': expected an array, but got an object instead."},
        {"\"stream\":\"true\"", "Invalid type for 'stream': expected a boolean, but got a string instead."},
        {"\"input\":42", "Invalid type for 'input': expected a string or an array, but got a number instead."},
        {"\"max_tokens\":\"100\"", "Invalid type for 'max_tokens': expected a number, but got a string instead."},
        {"\"temperature\":true", "Invalid type for 'temperature': expected a number, but got a boolean instead."},
        {"\"system\":{}", "Invalid type for 'system': expected a string or an array, but got an object instead."},
        {"\"stop\":1", "Invalid type for 'stop': expected a string or an array, but got a number instead."},
        {"\"tools\":{}", "Invalid type for 'tools': expected an array, but got an object instead."},
        {"\"stream_options\":true", "Invalid type for 'stream_options': expected an object, but got a boolean instead."},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse("{\"model\":\"m\"," + c[0] + "}")).as(c[0])
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_type");
          }).hasMessage(c[1]);
    }
    // Gemini bodies are checked too, though their model comes from the path.
    assertThatThrownBy(() -> RequestBody.parse("{\"contents\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
        new GeminiCall("g", Endpoint.GENERATE_CONTENT, false, false))).hasMessageContaining("'contents'");
  }

  @Test
  void every_type_a_real_client_sends_is_accepted() {
    for (String ok : new String[] {"\"messages\":[]", "\"stop\":\"END\"", "\"stop\":[\"a\",\"b\"]", "\"stop\":null",
        "\"system\":\"be brief\"", "\"system\":[{\"type\":\"text\",\"text\":\"x\"}]", "\"input\":\"hi\"",
        "\"input\":[[1,2],[3]]", "\"max_tokens\":64", "\"max_output_tokens\":null", "\"temperature\":0.2",
        "\"top_k\":5", "\"stream_options\":null", "\"tools\":[]", "\"unknown\":{\"messages\":\"not top-level\"}"}) {
      assertThat(parse("{\"model\":\"m\"," + ok + "}").model()).as(ok).isEqualTo("m");
    }
  }

  @Test
  void a_model_over_the_cap_is_kept_cut_and_flagged() {
    String name = "m".repeat(ModelName.MAX_LENGTH + 1);
    RequestBody body = parse("{\"model\":\"" + name + "\"}");
    assertThat(body.modelTooLong()).isTrue();
    assertThat(body.model()).hasSize(ModelName.MAX_LENGTH);
    assertThat(parse("{\"model\":\"" + name.substring(1) + "\"}").modelTooLong()).isFalse();
    RequestBody gemini = RequestBody.parse("{}".getBytes(StandardCharsets.UTF_8),
        new GeminiCall(name, Endpoint.GENERATE_CONTENT, false, false));
    assertThat(gemini.modelTooLong()).isTrue();
    assertThat(gemini.model()).hasSize(ModelName.MAX_LENGTH);
  }

  @Test
  void invalid_bodies_are_400s() {
    for (String bad : new String[] {"", "[]", "{\"model\":", "{\"model\":\"m\"} x", "{\"model\":\"m\",}", "null"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> parse("{\"messages\":[]}")).hasMessageContaining("model");
    assertThatThrownBy(() -> parse("{\"model\":7}")).hasMessageContaining("string");
    assertThatThrownBy(() -> parse("{\"model\":\"  \"}")).hasMessageContaining("model");
  }

  static String upstream(String json, String model, boolean requestUsage) {
    return parse(json).forUpstream(model, requestUsage).toString(StandardCharsets.UTF_8);
  }

  @Test
  void usage_is_requested_for_a_stream_whose_client_did_not_ask() {
    String json = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";
    assertThat(parse(json).clientAskedForUsage()).isFalse();
    assertThat(upstream(json, "up", true))
        .isEqualTo("{\"model\":\"up\",\"stream\":true,\"messages\":[],\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void existing_stream_options_are_kept_and_include_usage_turned_on() {
    String json = "{\"stream_options\": {\"include_obfuscation\": false, \"include_usage\": false}, \"stream\": true, \"model\": \"m\"}";
    assertThat(upstream(json, "up", true)).isEqualTo(
        "{\"stream_options\": {\"include_obfuscation\":false,\"include_usage\":true}, \"stream\": true, \"model\": \"up\"}");
  }

  @Test
  void nothing_is_added_when_the_client_asked_or_the_request_does_not_stream() {
    String asked = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    assertThat(parse(asked).clientAskedForUsage()).isTrue();
    assertThat(upstream(asked, "m", true)).isEqualTo(asked);
    String plain = "{\"model\":\"m\"}";
    assertThat(upstream(plain, "m", true)).isEqualTo(plain);
  }
}
