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
    assertThat(parse("{\"model\":\"m\",\"stream\":\"true\"}").stream()).isFalse();
    assertThat(parse("{\"model\":\"m\",\"stream\":true}").stream()).isTrue();
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
