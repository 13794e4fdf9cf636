package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.translate.Nodes;
import dev.keypool.translate.StopReason;
import dev.keypool.translate.StreamEvent;
import dev.keypool.translate.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamEncoderTest {
  private static final List<StreamEvent> EVENTS = List.of(
      new StreamEvent.MessageStart("r1", "gemini-x"),
      new StreamEvent.TextDelta(0, "Hel"),
      new StreamEvent.TextDelta(0, "lo"),
      new StreamEvent.ContentBlockStop(0),
      new StreamEvent.UsageUpdate(new Usage(10, 3, 0, 0, 0)),
      new StreamEvent.MessageStop(StopReason.END_TURN, null));

  private static String encode(GeminiStreamEncoder encoder) {
    Buffer out = Buffer.buffer();
    EVENTS.forEach(e -> out.appendBuffer(encoder.encode(e)));
    return out.appendBuffer(encoder.end()).toString();
  }

  @Test
  void sse_form_is_one_data_event_per_chunk_with_crlf_and_no_end_marker() {
    GeminiStreamEncoder encoder = new GeminiStreamEncoder();
    String sse = encode(encoder);

    assertThat(encoder.contentType()).isEqualTo("text/event-stream");
    assertThat(sse).startsWith("data: {").endsWith("}\r\n\r\n");
    assertThat(sse.split("\r\n\r\n")).hasSize(3);
  }

  @Test
  void json_array_form_is_one_valid_array_of_the_same_chunks() {
    GeminiStreamEncoder encoder = GeminiStreamEncoder.jsonArray();
    String array = encode(encoder);

    assertThat(encoder.contentType()).isEqualTo("application/json");
    var parsed = Nodes.parse(array);
    assertThat(parsed.isArray()).isTrue();
    assertThat(parsed).hasSize(3);
    assertThat(parsed.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hel");
    assertThat(parsed.get(2).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    assertThat(parsed.get(2).at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(10);
  }

  @Test
  void an_empty_json_array_stream_is_still_an_array() {
    assertThat(GeminiStreamEncoder.jsonArray().end().toString()).isEqualTo("[]");
    assertThat(new GeminiStreamEncoder().end().length()).isZero();
  }
}
