package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import dev.keypool.translate.StreamEvent.ToolCallArgumentsDelta;
import dev.keypool.translate.StreamEvent.ToolCallStart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument fragments of streamed tool calls, decoded from either format, reassemble into the right JSON per call. */
class StreamedToolArgumentsTest {

  @Test
  void openai_fragments_of_two_calls_reassemble_per_call() {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
    List<StreamEvent> events = new ArrayList<>();
    Fixture f = new Fixture(Fixture.ROOT.resolve("stream-tool-fragments-openai-to-anthropic"));
    f.sse("input-openai-stream.sse").forEach(e -> events.addAll(decoder.decode(e.data())));
    assertThat(arguments(events)).containsExactly(
        Map.entry("call_A", "{\"city\":\"Paris\"}"), Map.entry("call_B", "{\"city\":\"Rome\"}"));
    assertThat(events.getLast()).isEqualTo(new StreamEvent.MessageStop(StopReason.TOOL_USE, null));
  }

  @Test
  void anthropic_input_json_fragments_reassemble() {
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    List<StreamEvent> events = new ArrayList<>();
    Fixture f = new Fixture(Fixture.ROOT.resolve("stream-tool-fragments-anthropic-to-openai"));
    f.sse("input-anthropic-stream.sse").forEach(e -> events.addAll(decoder.decode(e.data())));
    Map<String, String> args = arguments(events);
    assertThat(Nodes.parse(args.get("toolu_01B"))).isEqualTo(Nodes.parse("{\"city\":\"Paris\"}"));
  }

  private static Map<String, String> arguments(List<StreamEvent> events) {
    Map<Integer, String> ids = new LinkedHashMap<>();
    Map<String, StringBuilder> args = new LinkedHashMap<>();
    for (StreamEvent e : events) {
      if (e instanceof ToolCallStart s) {
        ids.put(s.index(), s.id());
        args.put(s.id(), new StringBuilder());
      } else if (e instanceof ToolCallArgumentsDelta d) {
        args.get(ids.get(d.index())).append(d.fragment());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    args.forEach((id, sb) -> out.put(id, sb.toString()));
    return out;
  }
}
