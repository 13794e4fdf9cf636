package dev.keypool.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keypool.provider.anthropic.AnthropicVersion;
import dev.keypool.testkit.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One case directory under {@code src/test/resources/translation/}: {@code input-<format>-<kind>} files,
 * {@code expected-<format>-<kind>} files and an optional {@code options.json}
 * ({@code anthropicVersion}, {@code defaultMaxTokens}, {@code includeUsage}, {@code created}, and for a Gemini
 * request, whose URL holds them, {@code model} and {@code stream}).
 */
record Fixture(Path dir) {
  static final Path ROOT = Path.of("src/test/resources/translation");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static List<Fixture> all() throws IOException {
    try (var dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().map(Fixture::new).toList();
    }
  }

  String name() {
    return dir.getFileName().toString();
  }

  boolean has(String file) {
    return Files.exists(dir.resolve(file));
  }

  JsonNode json(String file) {
    return Nodes.parse(read(file));
  }

  List<SseEvent> sse(String file) {
    return SseEvent.parse(read(file));
  }

  String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a golden file when run with {@code -Dtranslation.write=true} (review the diff before committing). */
  void writeIfAsked(String file, Object content) {
    if (!Boolean.getBoolean("translation.write")) {
      return;
    }
    try {
      String text = content instanceof JsonNode n ? JSON.writeValueAsString(n) + "\n" : content.toString();
      Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode options() {
    return has("options.json") ? json("options.json") : Nodes.F.objectNode();
  }

  AnthropicVersion anthropicVersion() {
    return AnthropicVersion.fromHeader(options().path("anthropicVersion").asText("2023-06-01"));
  }

  int defaultMaxTokens() {
    return options().path("defaultMaxTokens").asInt(4096);
  }

  boolean includeUsage() {
    return options().path("includeUsage").asBoolean(true);
  }

  String model() {
    return options().path("model").asText("gemini-2.5-flash");
  }

  boolean stream() {
    return options().path("stream").asBoolean(false);
  }

  long created() {
    return options().path("created").asLong(1763700000L);
  }
}
