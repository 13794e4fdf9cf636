package dev.keypool.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamMeterTest {

  @Test
  void include_usage_chunk_gives_uncached_input_cache_reads_and_reasoning() {
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), Streams.OPENAI_WITH_USAGE);

    // prompt_tokens 1200 of which 1024 cached; completion 300 of which 128 reasoning.
    assertThat(meter.usage()).isEqualTo(new Usage(176, 300, 1024, 0, 128));
    assertThat(meter.usage().promptTokens()).isEqualTo(1200);
    assertThat(meter.complete()).isTrue();
    Streams.assertServed(meter, "Hello 😀 wörld");
  }

  @Test
  void only_the_final_usage_chunk_is_usage_only() {
    List<SseEvent> events = Streams.events(Streams.OPENAI_WITH_USAGE);

    assertThat(events).filteredOn(OpenAiStreamMeter::isUsageOnlyChunk).singleElement()
        .satisfies(e -> assertThat(e.data()).contains("\"choices\":[]", "\"cached_tokens\":1024"));
    assertThat(Streams.events(Streams.OPENAI_WITHOUT_USAGE)).noneMatch(OpenAiStreamMeter::isUsageOnlyChunk);
  }

  @Test
  void usage_only_chunk_is_recognised_with_spaces_and_not_without_usage() {
    assertThat(OpenAiStreamMeter.isUsageOnlyChunk(new SseEvent(null, null,
        "{\"choices\": [ ], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 4}}"))).isTrue();
    assertThat(OpenAiStreamMeter.isUsageOnlyChunk(new SseEvent(null, null, "{\"choices\":[],\"usage\":null}"))).isFalse();
    assertThat(OpenAiStreamMeter.isUsageOnlyChunk(new SseEvent(null, null, "[DONE]"))).isFalse();
    assertThat(OpenAiStreamMeter.isUsageOnlyChunk(new SseEvent(null, null, null))).isFalse();
  }

  @Test
  void stream_without_usage_has_none_but_is_complete() {
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), Streams.OPENAI_WITHOUT_USAGE);

    assertThat(meter.usage()).isNull();
    assertThat(meter.complete()).isTrue();
    Streams.assertServed(meter, "Hello 😀 wörld");
  }

  @Test
  void truncated_stream_is_incomplete_and_keeps_what_was_served() {
    String body = Streams.OPENAI_WITH_USAGE;
    String truncated = body.substring(0, body.indexOf(" wörld") + 3);
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), truncated);

    assertThat(meter.usage()).isNull();
    assertThat(meter.complete()).isFalse();
    Streams.assertServed(meter, "Hello 😀");
  }

  @Test
  void tool_call_argument_fragments_are_served_text() {
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), Streams.OPENAI_TOOL_CALL);

    Streams.assertServed(meter, "{\"city\": \"Zürich\"}");
    assertThat(meter.usage()).isNull();
  }

  @Test
  void reasoning_deltas_of_compatible_hosts_are_served_text_and_deepseek_cache_hits_count() {
    String body = Streams.chunk("{\"reasoning_content\":\"Think.\"}", "null", false)
        + Streams.chunk("{\"content\":\" Answer\"}", "null", false)
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
        + "\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36}}\n\n"
        + "data: [DONE]\n\n";
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), body);

    Streams.assertServed(meter, "Think. Answer");
    assertThat(meter.usage()).isEqualTo(new Usage(36, 20, 64, 0, 0));
  }

  @Test
  void garbage_and_comments_are_ignored() {
    OpenAiStreamMeter meter = Streams.metered(new OpenAiStreamMeter(), ": ping\n\ndata: {not json\n\ndata: 42\n\n");

    assertThat(meter.usage()).isNull();
    assertThat(meter.complete()).isFalse();
    Streams.assertServed(meter, "");
  }
}
