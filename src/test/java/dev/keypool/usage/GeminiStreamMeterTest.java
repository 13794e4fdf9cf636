package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiStreamMeterTest {
  /** A Gemini 2.5 stream as {@code alt=sse} sends it: CRLF line ends, cumulative usageMetadata, thoughts beside candidates. */
  static final String STREAM = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me think\",\"thought\":true}],"
      + "\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":120,\"totalTokenCount\":120,"
      + "\"cachedContentTokenCount\":100}}\r\n\r\n"
      + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0}],"
      + "\"usageMetadata\":{\"promptTokenCount\":120,\"candidatesTokenCount\":1,\"totalTokenCount\":150,"
      + "\"cachedContentTokenCount\":100,\"thoughtsTokenCount\":29}}\r\n\r\n"
      + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}},"
      + "\"thoughtSignature\":\"c2ln\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
      + "\"usageMetadata\":{\"promptTokenCount\":120,\"candidatesTokenCount\":7,\"totalTokenCount\":156,"
      + "\"cachedContentTokenCount\":100,\"thoughtsTokenCount\":29}}\r\n\r\n";

  @Test
  void the_last_usage_metadata_wins_with_cached_input_apart_and_thoughts_in_output() {
    GeminiStreamMeter meter = Streams.metered(new GeminiStreamMeter(), STREAM);

    assertThat(meter.usage()).isEqualTo(new Usage(20, 36, 100, 0, 29));
    assertThat(meter.complete()).isTrue();
    Streams.assertServed(meter, "Let me thinkHi{\"a\":1}");
  }

  @Test
  void a_stream_cut_before_the_finish_reason_is_incomplete_and_a_stream_without_counts_has_no_usage() {
    String cut = STREAM.substring(0, STREAM.indexOf("data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\""));
    assertThat(Streams.metered(new GeminiStreamMeter(), cut).complete()).isFalse();
    assertThat(Streams.metered(new GeminiStreamMeter(),
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}]}\r\n\r\n").usage()).isNull();
  }

  @Test
  void a_body_or_a_json_array_stream_is_metered_from_its_last_counts() {
    String body = "{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":4,"
        + "\"thoughtsTokenCount\":2,\"cachedContentTokenCount\":3}}";
    assertThat(BodyMeter.gemini(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Usage(7, 6, 3, 0, 2));
    String array = "[{\"usageMetadata\":{\"promptTokenCount\":10}}\n,\r\n" + body + "\n]";
    assertThat(BodyMeter.gemini(array.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Usage(7, 6, 3, 0, 2));
    assertThat(BodyMeter.gemini("[]".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
