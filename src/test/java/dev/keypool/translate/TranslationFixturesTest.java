package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.provider.anthropic.AnthropicMessagesMapper;
import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.anthropic.AnthropicStreamEncoder;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import dev.keypool.provider.openai.OpenAiStreamEncoder;
import dev.keypool.testkit.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture case: each {@code input-*} file is translated to the other format and compared
 * with the matching {@code expected-*} file (JSON by tree equality, SSE event by event), and every
 * input request and response read and written back in its own format must equal itself.
 */
class TranslationFixturesTest {

  @TestFactory
  Stream<DynamicTest> fixtures() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Fixture f : Fixture.all()) {
      if (f.has("input-openai-request.json")) {
        tests.add(test(f, "openai request -> anthropic", () -> expectJson(f, "expected-anthropic-request.json",
            AnthropicMessagesMapper.writeRequest(OpenAiChatMapper.readRequest(f.json("input-openai-request.json")),
                f.anthropicVersion(), f.defaultMaxTokens()))));
        tests.add(test(f, "openai request round trip", () -> assertThat(wire(OpenAiChatMapper.writeRequest(
            OpenAiChatMapper.readRequest(f.json("input-openai-request.json"))))).isEqualTo(f.json("input-openai-request.json"))));
      }
      if (f.has("input-anthropic-request.json")) {
        tests.add(test(f, "anthropic request -> openai", () -> expectJson(f, "expected-openai-request.json",
            OpenAiChatMapper.writeRequest(AnthropicMessagesMapper.readRequest(f.json("input-anthropic-request.json"))))));
        tests.add(test(f, "anthropic request round trip", () -> assertThat(wire(AnthropicMessagesMapper.writeRequest(
            AnthropicMessagesMapper.readRequest(f.json("input-anthropic-request.json")), f.anthropicVersion(), 1)))
            .isEqualTo(f.json("input-anthropic-request.json"))));
      }
      if (f.has("input-openai-response.json")) {
        tests.add(test(f, "openai response -> anthropic", () -> expectJson(f, "expected-anthropic-response.json",
            AnthropicMessagesMapper.writeResponse(OpenAiChatMapper.readResponse(f.json("input-openai-response.json"))))));
        tests.add(test(f, "openai response round trip", () -> assertThat(wire(OpenAiChatMapper.writeResponse(
            OpenAiChatMapper.readResponse(f.json("input-openai-response.json")), 0))).isEqualTo(f.json("input-openai-response.json"))));
      }
      if (f.has("input-anthropic-response.json")) {
        tests.add(test(f, "anthropic response -> openai", () -> expectJson(f, "expected-openai-response.json",
            OpenAiChatMapper.writeResponse(AnthropicMessagesMapper.readResponse(f.json("input-anthropic-response.json")),
                f.created()))));
        tests.add(test(f, "anthropic response round trip", () -> assertThat(wire(AnthropicMessagesMapper.writeResponse(
            AnthropicMessagesMapper.readResponse(f.json("input-anthropic-response.json")))))
            .isEqualTo(f.json("input-anthropic-response.json"))));
      }
      if (f.has("input-anthropic-stream.sse")) {
        tests.add(test(f, "anthropic stream -> openai", () -> expectSse(f, "expected-openai-stream.sse",
            anthropicToOpenAi(f.sse("input-anthropic-stream.sse"), f.includeUsage(), f.created()))));
      }
      if (f.has("input-openai-stream.sse")) {
        tests.add(test(f, "openai stream -> anthropic", () -> expectSse(f, "expected-anthropic-stream.sse",
            openAiToAnthropic(f.sse("input-openai-stream.sse")))));
      }
    }
    return tests.stream();
  }

  static String anthropicToOpenAi(List<SseEvent> events, boolean includeUsage, long created) {
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(includeUsage, created);
    Buffer out = Buffer.buffer();
    events.forEach(e -> decoder.decode(e.data()).forEach(c -> out.appendBuffer(encoder.encode(c))));
    return out.toString();
  }

  static String openAiToAnthropic(List<SseEvent> events) {
    OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
    Buffer out = Buffer.buffer();
    events.forEach(e -> decoder.decode(e.data()).forEach(c -> out.appendBuffer(encoder.encode(c))));
    decoder.finish().forEach(c -> out.appendBuffer(encoder.encode(c)));
    return out.toString();
  }

  private static void expectJson(Fixture f, String expectedFile, JsonNode actual) {
    f.writeIfAsked(expectedFile, actual);
    assertThat(wire(actual)).as(f.name() + "/" + expectedFile).isEqualTo(f.json(expectedFile));
  }

  /** Event names must match exactly and data payloads as JSON trees (or as text for {@code [DONE]}). */
  private static void expectSse(Fixture f, String expectedFile, String actual) {
    f.writeIfAsked(expectedFile, actual);
    List<SseEvent> got = SseEvent.parse(actual);
    List<SseEvent> want = f.sse(expectedFile);
    assertThat(got).as(f.name() + " event count").hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).event()).as(f.name() + " event " + i + " name").isEqualTo(want.get(i).event());
      String w = want.get(i).data();
      String g = got.get(i).data();
      if (w.startsWith("{")) {
        assertThat(Nodes.parse(g)).as(f.name() + " event " + i).isEqualTo(Nodes.parse(w));
      } else {
        assertThat(g).as(f.name() + " event " + i).isEqualTo(w);
      }
    }
  }

  /** The tree as a client would parse it off the wire (numbers compare by value, not by Java type). */
  static JsonNode wire(JsonNode tree) {
    return Nodes.parse(tree.toString());
  }

  private static DynamicTest test(Fixture f, String what, org.junit.jupiter.api.function.Executable body) {
    return DynamicTest.dynamicTest(f.name() + ": " + what, body);
  }
}
