package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenEstimatorTest {

  private final TokenEstimator estimator = new TokenEstimator();

  @ParameterizedTest(name = "\"{0}\" is {1} tokens")
  @CsvSource(delimiter = '|', textBlock = """
      hello world                 | 2
      ''                          | 0
      Hello, world!               | 4
      """)
  void counts_text_in_o200k_base(String text, long tokens) {
    assertThat(estimator.countText(text)).isEqualTo(tokens);
  }

  @Test
  void special_tokens_in_user_text_are_ordinary_text() {
    assertThat(estimator.countText("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void longer_text_is_roughly_four_characters_a_token() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(100);

    assertThat(estimator.countText(text)).isBetween(text.length() / 6L, text.length() / 3L);
    assertThat(estimator.countText(null)).isZero();
  }

  @Test
  void openai_request_counts_messages_with_overhead() {
    String body = """
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"hello world"},
          {"role":"user","content":[{"type":"text","text":"hello world"},
                                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""";

    // 2 messages x (3 overhead + 2 tokens) + 3 reply priming; images are not counted.
    assertThat(estimator.estimateInput(Streams.utf8(body))).isEqualTo(13);
  }

  @Test
  void anthropic_request_counts_system_blocks_tool_use_and_results() {
    String body = """
        {"model":"claude-sonnet-4-5","max_tokens":100,
         "system":[{"type":"text","text":"hello world"}],
         "messages":[
           {"role":"user","content":"hello world"},
           {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"hello world"}]}]}""";
    long input = estimator.countText("{\"a\":1}");

    assertThat(estimator.estimateInput(Streams.utf8(body))).isEqualTo(2 + 3 * 3 + 2 + input + 2 + 3);
  }

  @Test
  void tools_count_as_their_json() {
    String tool = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}";
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}],\"tools\":[" + tool + "]}";

    assertThat(estimator.estimateInput(Streams.utf8(body))).isEqualTo(3 + 2 + 3 + estimator.countText(tool));
  }

  @Test
  void embeddings_input_and_tool_call_arguments_are_counted() {
    assertThat(estimator.estimateInput(Streams.utf8("{\"input\":[\"hello world\",\"hello world\"]}"))).isEqualTo(4);
    assertThat(estimator.estimateInput(Streams.utf8("{\"input\":[[1,2,3]]}"))).isEqualTo(3);
    String body = "{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
        + "\"function\":{\"name\":\"hello\",\"arguments\":\"hello world\"}}]}]}";
    assertThat(estimator.estimateInput(Streams.utf8(body))).isEqualTo(3 + 1 + 2 + 3);
  }

  @Test
  void estimate_is_deterministic() {
    byte[] body = Streams.utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");

    assertThat(estimator.estimateInput(body)).isEqualTo(new TokenEstimator().estimateInput(body)).isEqualTo(8);
  }

  @Test
  void a_body_that_is_not_json_estimates_zero_input() {
    assertThat(estimator.estimateInput(Streams.utf8("not json"))).isZero();
    assertThat(estimator.estimateInput(new byte[0])).isZero();
  }
}
