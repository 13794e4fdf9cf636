package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BodyMeterTest {

  @Test
  void openai_chat_completion_with_cached_and_reasoning_tokens() {
    String body = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"o4-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},
                     "logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                  "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":192,"audio_tokens":0,
                                               "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
         "system_fingerprint":null}""";

    assertThat(BodyMeter.openAi(Streams.utf8(body))).isEqualTo(new Usage(86, 300, 1920, 0, 192));
  }

  @Test
  void openai_embeddings_have_prompt_tokens_only() {
    String body = """
        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,-0.2]}],
         "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""";

    assertThat(BodyMeter.openAi(Streams.utf8(body))).isEqualTo(Usage.of(8, 0));
  }

  @Test
  void openai_responses_api_names_the_fields_differently() {
    String body = """
        {"id":"resp_1","object":"response","output":[],
         "usage":{"input_tokens":328,"input_tokens_details":{"cached_tokens":128},
                  "output_tokens":52,"output_tokens_details":{"reasoning_tokens":16},"total_tokens":380}}""";

    assertThat(BodyMeter.openAi(Streams.utf8(body))).isEqualTo(new Usage(200, 52, 128, 0, 16));
  }

  @Test
  void anthropic_message_with_cache_read_and_write() {
    String body = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":21,"cache_creation_input_tokens":188086,"cache_read_input_tokens":0,
                  "output_tokens":393,"service_tier":"standard"}}""";

    assertThat(BodyMeter.anthropic(Streams.utf8(body))).isEqualTo(new Usage(21, 393, 0, 188086, 0));
  }

  @Test
  void anthropic_count_tokens_is_free() {
    assertThat(BodyMeter.anthropic(Streams.utf8("{\"input_tokens\":2095}"))).isNull();
    assertThat(BodyMeter.anthropicCountTokens()).isEqualTo(Usage.ZERO);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no usage        | {"id":"x","choices":[]}
      usage null      | {"usage":null}
      usage empty     | {"usage":{}}
      not json        | <html>502 Bad Gateway</html>
      a list          | [1,2]
      empty           | ''
      """)
  void bodies_without_usage_give_null(String name, String body) {
    assertThat(BodyMeter.openAi(Streams.utf8(body))).isNull();
    assertThat(BodyMeter.anthropic(Streams.utf8(body))).isNull();
  }

  @Test
  void cached_tokens_never_exceed_the_prompt() {
    String body = "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":50}}}";

    assertThat(BodyMeter.openAi(Streams.utf8(body))).isEqualTo(new Usage(0, 1, 10, 0, 0));
  }
}
