package dev.keypool.relay.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ProviderFormat;
import dev.keypool.relay.Endpoint;
import dev.keypool.relay.ResponseMeter;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class TranslatedStreamRelayTest {
  static final String START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
      + "\"model\":\"claude\",\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}\n\n";
  static final String BLOCK = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
      + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  static final String DELTA = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
  static final String END = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
      + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
      + "\"usage\":{\"output_tokens\":4}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  static TranslatedStreamRelay anthropicToOpenAi(boolean includeUsage) {
    return new TranslatedStreamRelay(ResponseMeter.start(Endpoint.MESSAGES, "text/event-stream", false),
        ChatCodecs.decoder(ProviderFormat.ANTHROPIC), ChatCodecs.encoder(ProviderFormat.OPENAI, includeUsage, 1L, true));
  }

  @Test
  void start_is_held_until_content_and_each_event_goes_out_as_soon_as_it_is_complete() {
    TranslatedStreamRelay relay = anthropicToOpenAi(true);

    assertThat(relay.onChunk(Buffer.buffer(START)).length()).as("nothing before the first content").isZero();
    assertThat(relay.onChunk(Buffer.buffer(BLOCK)).length()).isZero();
    String half = DELTA.substring(0, 40);
    assertThat(relay.onChunk(Buffer.buffer(half)).length()).as("an unfinished event waits").isZero();
    String out = relay.onChunk(Buffer.buffer(DELTA.substring(40))).toString();
    assertThat(out).contains("\"role\":\"assistant\"").contains("\"content\":\"Hi\"");
    assertThat(out.indexOf("\"role\"")).isLessThan(out.indexOf("\"content\":\"Hi\""));

    String tail = relay.onChunk(Buffer.buffer(END)).toString() + relay.onEnd();
    assertThat(tail).contains("\"finish_reason\":\"stop\"").contains("\"prompt_tokens\":21")
        .contains("\"completion_tokens\":4").endsWith("data: [DONE]\n\n");
    assertThat(relay.meter().usage().outputTokens()).as("metered in the upstream's format").isEqualTo(4);
    assertThat(relay.meter().complete()).isTrue();
  }

  @Test
  void client_that_did_not_ask_for_usage_gets_no_usage_chunk() {
    TranslatedStreamRelay relay = anthropicToOpenAi(false);
    String all = relay.onChunk(Buffer.buffer(START + BLOCK + DELTA + END)).toString() + relay.onEnd();
    assertThat(all).doesNotContain("prompt_tokens").contains("\"content\":\"Hi\"");
    assertThat(relay.meter().usage().outputTokens()).isEqualTo(4);
  }
}
