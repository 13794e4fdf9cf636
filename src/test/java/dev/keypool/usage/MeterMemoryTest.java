package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A meter holds a bounded amount of text however long the stream it meters. */
class MeterMemoryTest {

  @Test
  void a_long_stream_without_usage_is_counted_in_bounded_memory() {
    String delta = "A long answer streamed one delta at a time, with nothing kept but a count. ";
    byte[] chunk = (Streams.chunk("{\"content\":\"" + delta + "\"}", "null", false)
        + Streams.chunk("{\"content\":\"" + delta + "\"}", "null", false)).getBytes(StandardCharsets.UTF_8);
    OpenAiStreamMeter meter = new OpenAiStreamMeter();
    SseSplitter splitter = new SseSplitter();
    long served = 0;
    while (served < 8_000_000) {
      meter.acceptAll(splitter.feed(Buffer.buffer(chunk)));
      served += 2L * delta.length();
    }

    assertThat(meter.servedChars()).isEqualTo(served);
    assertThat(meter.served.retainedChars()).as("chars held after %d served", served)
        .isLessThanOrEqualTo(8 * TextTally.BLOCK);
    double perChar = new TokenEstimator().countText(delta.repeat(100)) / (delta.length() * 100.0);
    assertThat(meter.servedTokens()).isCloseTo(Math.round(served * perChar),
        org.assertj.core.data.Percentage.withPercentage(1));
  }
}
