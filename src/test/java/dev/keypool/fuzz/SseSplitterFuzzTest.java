package dev.keypool.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypool.fuzz.Outcomes.Refusal;
import dev.keypool.usage.SseEvent;
import dev.keypool.usage.SseSplitter;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the SSE splitter with any bytes cut into any chunks: feeding never throws, the events do not
 * depend on where the chunks were cut, and the events plus the drained tail give back every byte in
 * order (a pass-through relay forwards exactly what came).
 *
 * <p>Input layout, so that regression inputs stay readable files: the first byte is the number of
 * cuts (mod 16), the next that many bytes are the cut lengths, and the rest is the stream.
 */
class SseSplitterFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void anyChunking(byte[] input) {
    int cuts = input.length == 0 ? 0 : Math.min((input[0] & 0xff) % 16, input.length - 1);
    int streamStart = input.length == 0 ? 0 : 1 + cuts;
    byte[] stream = Arrays.copyOfRange(input, streamStart, input.length);

    List<Buffer> chunks = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < cuts && at < stream.length; i++) {
      int length = Math.min(input[1 + i] & 0xff, stream.length - at);
      chunks.add(Buffer.buffer(Arrays.copyOfRange(stream, at, at + length)));
      at += length;
    }
    chunks.add(Buffer.buffer(Arrays.copyOfRange(stream, at, stream.length)));

    Split whole = split(List.of(Buffer.buffer(stream)));
    Split cut = split(chunks);
    assertThat(cut.fields()).isEqualTo(whole.fields());
    assertThat(cut.bytes()).isEqualTo(stream);
  }

  /** The events' fields and all bytes (events, then the drained tail) from one splitter fed {@code chunks}. */
  private static Split split(List<Buffer> chunks) {
    SseSplitter splitter = new SseSplitter();
    List<String> fields = new ArrayList<>();
    Buffer bytes = Buffer.buffer();
    for (Buffer chunk : chunks) {
      List<SseEvent> events = new ArrayList<>();
      Outcomes.check("SseSplitter.feed", Refusal.NONE, () -> events.addAll(splitter.feed(chunk)));
      for (SseEvent e : events) {
        fields.add(e.event() + "|" + e.data());
        bytes.appendBuffer(e.raw());
      }
    }
    bytes.appendBuffer(splitter.drain());
    return new Split(fields, bytes.getBytes());
  }

  private record Split(List<String> fields, byte[] bytes) {}
}
