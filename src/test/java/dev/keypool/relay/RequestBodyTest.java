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
}
