package dev.keypool.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keypool.provider.anthropic.AnthropicMessagesMapper;
import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.anthropic.AnthropicVersion;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import dev.keypool.testkit.SseEvent;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Responses API mappings against golden files in {@code src/test/resources/responses/<case>/}:
 * {@code input-responses-request.json} written as {@code expected-openai-request.json} (chat) and
 * {@code expected-anthropic-request.json}; {@code input-<openai|anthropic>-response.json} and
 * {@code input-<openai|anthropic>-stream.sse} written as {@code expected-responses-response.json} and
 * {@code expected-responses-stream.sse}. JSON compares by tree, SSE event by event (name and data tree).
 * {@code -Dresponses.write=true} rewrites the expected files from the current output; review the diff.
 */
class ResponsesFixturesTest {
  static final Path ROOT = Path.of("src/test/resources/responses");
  static final long CREATED = 1763700000L;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        add(tests, dir);
      }
    }
    return tests.stream();
  }

  private static void add(List<DynamicTest> tests, Path dir) {
    String name = dir.getFileName().toString();
    if (Files.exists(dir.resolve("input-responses-request.json"))) {
      tests.add(DynamicTest.dynamicTest(name + ": request to chat and messages", () -> {
        ChatRequest request = ResponsesRequestReader.read(json(dir, "input-responses-request.json"));
        compareJson(dir, "expected-openai-request.json", OpenAiChatMapper.writeRequest(request));
        compareJson(dir, "expected-anthropic-request.json",
            AnthropicMessagesMapper.writeRequest(request, AnthropicVersion.V2023_06_01, 4096));
      }));
    }
    for (String format : List.of("openai", "anthropic")) {
      if (Files.exists(dir.resolve("input-" + format + "-response.json"))) {
        tests.add(DynamicTest.dynamicTest(name + ": " + format + " response", () -> {
          JsonNode body = json(dir, "input-" + format + "-response.json");
          ChatResponse response = format.equals("openai") ? OpenAiChatMapper.readResponse(body)
              : AnthropicMessagesMapper.readResponse(body);
          compareJson(dir, "expected-responses-response.json", ResponsesResponseWriter.write(response, CREATED));
        }));
      }
      if (Files.exists(dir.resolve("input-" + format + "-stream.sse"))) {
        tests.add(DynamicTest.dynamicTest(name + ": " + format + " stream", () -> {
          List<StreamEvent> events = decode(format, SseEvent.parse(text(dir, "input-" + format + "-stream.sse")));
          ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(CREATED);
          Buffer out = Buffer.buffer();
          events.forEach(e -> out.appendBuffer(encoder.encode(e)));
          compareStream(dir, "expected-responses-stream.sse", out.toString());
        }));
      }
    }
  }

  private static List<StreamEvent> decode(String format, List<SseEvent> events) {
    List<StreamEvent> out = new ArrayList<>();
    if (format.equals("openai")) {
      OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
      events.forEach(e -> out.addAll(decoder.decode(e.data())));
      out.addAll(decoder.finish());
    } else {
      AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
      events.forEach(e -> out.addAll(decoder.decode(e.data())));
    }
    return out;
  }

  private static void compareJson(Path dir, String file, JsonNode actual) throws IOException {
    if (Boolean.getBoolean("responses.write")) {
      Files.writeString(dir.resolve(file), JSON.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
    }
    // Re-read, so that numbers compare by value and not by the node type the writer chose.
    assertThat(JSON.readTree(actual.toString())).as(dir.getFileName() + "/" + file).isEqualTo(json(dir, file));
  }

  private static void compareStream(Path dir, String file, String actual) throws IOException {
    if (Boolean.getBoolean("responses.write")) {
      Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
    }
    List<SseEvent> got = SseEvent.parse(actual);
    List<SseEvent> want = SseEvent.parse(text(dir, file));
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).event()).isEqualTo(want.get(i).event());
      assertThat(JSON.readTree(got.get(i).data())).as(file + " event " + i).isEqualTo(JSON.readTree(want.get(i).data()));
    }
  }

  private static JsonNode json(Path dir, String file) throws IOException {
    return JSON.readTree(text(dir, file));
  }

  private static String text(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }
}
