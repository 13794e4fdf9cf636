package dev.keypool.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.provider.anthropic.AnthropicMessagesMapper;
import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.anthropic.AnthropicStreamEncoder;
import dev.keypool.provider.gemini.GeminiMapper;
import dev.keypool.provider.gemini.GeminiStreamDecoder;
import dev.keypool.provider.gemini.GeminiStreamEncoder;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import dev.keypool.provider.openai.OpenAiStreamEncoder;
import dev.keypool.testkit.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One wire format as the fixtures use it, named as in fixture file names ({@code input-<name>-...}):
 * its mappers, with the fixture's options filled in, and its stream decoder and encoder.
 */
enum FixtureFormat {
  OPENAI("openai") {
    @Override
    ChatRequest readRequest(Fixture f, JsonNode body) {
      return OpenAiChatMapper.readRequest(body);
    }

    @Override
    JsonNode writeRequest(Fixture f, ChatRequest request, boolean roundTrip) {
      return OpenAiChatMapper.writeRequest(request);
    }

    @Override
    ChatResponse readResponse(JsonNode body) {
      return OpenAiChatMapper.readResponse(body);
    }

    @Override
    JsonNode writeResponse(Fixture f, ChatResponse response, boolean roundTrip) {
      return OpenAiChatMapper.writeResponse(response, roundTrip ? 0 : f.created());
    }

    @Override
    List<StreamEvent> decode(List<SseEvent> events) {
      OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
      List<StreamEvent> out = new ArrayList<>();
      events.forEach(e -> out.addAll(decoder.decode(e.data())));
      out.addAll(decoder.finish());
      return out;
    }

    @Override
    String encode(Fixture f, List<StreamEvent> events) {
      OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(f.includeUsage(), f.created());
      Buffer out = Buffer.buffer();
      events.forEach(e -> out.appendBuffer(encoder.encode(e)));
      return out.toString();
    }
  },
  ANTHROPIC("anthropic") {
    @Override
    ChatRequest readRequest(Fixture f, JsonNode body) {
      return AnthropicMessagesMapper.readRequest(body);
    }

    @Override
    JsonNode writeRequest(Fixture f, ChatRequest request, boolean roundTrip) {
      return AnthropicMessagesMapper.writeRequest(request, f.anthropicVersion(), roundTrip ? 1 : f.defaultMaxTokens());
    }

    @Override
    ChatResponse readResponse(JsonNode body) {
      return AnthropicMessagesMapper.readResponse(body);
    }

    @Override
    JsonNode writeResponse(Fixture f, ChatResponse response, boolean roundTrip) {
      return AnthropicMessagesMapper.writeResponse(response);
    }

    @Override
    List<StreamEvent> decode(List<SseEvent> events) {
      AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
      List<StreamEvent> out = new ArrayList<>();
      events.forEach(e -> out.addAll(decoder.decode(e.data())));
      return out;
    }

    @Override
    String encode(Fixture f, List<StreamEvent> events) {
      AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
      Buffer out = Buffer.buffer();
      events.forEach(e -> out.appendBuffer(encoder.encode(e)));
      return out.toString();
    }
  },
  /** The model and the stream flag of a Gemini request are in its URL: options {@code model}, {@code stream}. */
  GEMINI("gemini") {
    @Override
    ChatRequest readRequest(Fixture f, JsonNode body) {
      return GeminiMapper.readRequest(body, f.model(), f.stream());
    }

    @Override
    JsonNode writeRequest(Fixture f, ChatRequest request, boolean roundTrip) {
      return GeminiMapper.writeRequest(request);
    }

    @Override
    ChatResponse readResponse(JsonNode body) {
      return GeminiMapper.readResponse(body);
    }

    @Override
    JsonNode writeResponse(Fixture f, ChatResponse response, boolean roundTrip) {
      return GeminiMapper.writeResponse(response);
    }

    @Override
    List<StreamEvent> decode(List<SseEvent> events) {
      GeminiStreamDecoder decoder = new GeminiStreamDecoder();
      List<StreamEvent> out = new ArrayList<>();
      events.forEach(e -> out.addAll(decoder.decode(e.data())));
      out.addAll(decoder.finish());
      return out;
    }

    @Override
    String encode(Fixture f, List<StreamEvent> events) {
      GeminiStreamEncoder encoder = new GeminiStreamEncoder();
      Buffer out = Buffer.buffer();
      events.forEach(e -> out.appendBuffer(encoder.encode(e)));
      return out.toString();
    }
  };

  final String fileName;

  FixtureFormat(String fileName) {
    this.fileName = fileName;
  }

  abstract ChatRequest readRequest(Fixture f, JsonNode body);

  /** {@code roundTrip}: writing back what was read from this format (no route defaults apply). */
  abstract JsonNode writeRequest(Fixture f, ChatRequest request, boolean roundTrip);

  abstract ChatResponse readResponse(JsonNode body);

  abstract JsonNode writeResponse(Fixture f, ChatResponse response, boolean roundTrip);

  /** The canonical events of a whole stream, including what the decoder emits when the body ends. */
  abstract List<StreamEvent> decode(List<SseEvent> events);

  abstract String encode(Fixture f, List<StreamEvent> events);
}
