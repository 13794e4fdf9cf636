package dev.keypool.relay.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.anthropic.AnthropicMessagesMapper;
import dev.keypool.provider.anthropic.AnthropicStreamDecoder;
import dev.keypool.provider.anthropic.AnthropicStreamEncoder;
import dev.keypool.provider.anthropic.AnthropicVersion;
import dev.keypool.provider.gemini.GeminiMapper;
import dev.keypool.provider.gemini.GeminiStreamDecoder;
import dev.keypool.provider.gemini.GeminiStreamEncoder;
import dev.keypool.provider.openai.OpenAiChatMapper;
import dev.keypool.provider.openai.OpenAiCompletions;
import dev.keypool.provider.openai.OpenAiCompletionsStreamEncoder;
import dev.keypool.provider.openai.OpenAiStreamDecoder;
import dev.keypool.provider.openai.OpenAiStreamEncoder;
import dev.keypool.provider.openai.responses.ResponsesRequestReader;
import dev.keypool.provider.openai.responses.ResponsesResponseWriter;
import dev.keypool.provider.openai.responses.ResponsesStreamEncoder;
import dev.keypool.provider.openai.responses.ToolNames;
import dev.keypool.relay.Endpoint;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The chat mappers and stream codecs of each wire format, chosen by format: the one place the
 * translating relay dispatches on {@link ProviderFormat} (and, on the client's side, on the endpoint:
 * a legacy completions client reads and writes {@code text_completion}s). Pure.
 */
final class ChatCodecs {

  /** Turns one format's SSE {@code data:} payloads into canonical stream events. One per stream. */
  interface Decoder {
    List<StreamEvent> decode(String data);

    /** The events that end the stream when the upstream body ended. */
    List<StreamEvent> finish();
  }

  /** Turns canonical stream events into one format's stream bytes (SSE, or Gemini's JSON array). One per stream. */
  interface Encoder {
    Buffer encode(StreamEvent event);

    /** What closes the stream after the last event. */
    default Buffer end() {
      return Buffer.buffer();
    }

    default String contentType() {
      return "text/event-stream";
    }
  }

  private ChatCodecs() {}

  // The client side is chosen by endpoint, not format: the Responses API and legacy completions are of
  // format openai (their errors are OpenAI's) but their bodies and streams differ from chat completions.

  /** The client's request in the canonical model; a legacy completion's prompt becomes one user message. */
  static ChatRequest readClientRequest(Endpoint client, JsonNode body, String model, boolean stream) {
    return switch (client) {
      case RESPONSES -> ResponsesRequestReader.read(body);
      case COMPLETIONS -> OpenAiCompletions.readRequest(body);
      default -> readRequest(client.format(), body, model, stream);
    };
  }

  /**
   * The canonical response in the shape the client's endpoint returns.
   *
   * @param names the tools a Responses request renamed, whose calls go back under the client's names
   */
  static ObjectNode writeClientResponse(Endpoint client, ChatResponse response, long created, ToolNames names) {
    return switch (client) {
      case RESPONSES -> ResponsesResponseWriter.write(response, created, names);
      case COMPLETIONS -> OpenAiCompletions.writeResponse(response, created);
      default -> writeResponse(client.format(), response, created);
    };
  }

  /** The stream encoder of the client's endpoint; see {@link #encoder}. A Responses stream always carries usage. */
  static Encoder clientEncoder(Endpoint client, boolean includeUsage, long created, boolean sse, ToolNames names) {
    return switch (client) {
      case RESPONSES -> new ResponsesStreamEncoder(created, names)::encode;
      case COMPLETIONS -> new OpenAiCompletionsStreamEncoder(includeUsage, created)::encode;
      default -> encoder(client.format(), includeUsage, created, sse);
    };
  }

  /** {@code model} and {@code stream} apply to Gemini only, which names them in its URL. */
  static ChatRequest readRequest(ProviderFormat format, JsonNode body, String model, boolean stream) {
    return switch (format) {
      case OPENAI -> OpenAiChatMapper.readRequest(body);
      case ANTHROPIC -> AnthropicMessagesMapper.readRequest(body);
      case GEMINI -> GeminiMapper.readRequest(body, model, stream);
    };
  }

  /** The body for the upstream endpoint: chat, or legacy completions again (a fake stream of a completions client). */
  static ObjectNode writeUpstreamRequest(Endpoint upstream, ChatRequest request, AnthropicVersion version,
      int defaultMaxTokens) {
    return upstream == Endpoint.COMPLETIONS ? OpenAiCompletions.writeRequest(request)
        : writeRequest(upstream.format(), request, version, defaultMaxTokens);
  }

  /** The upstream endpoint's answer as a canonical response. */
  static ChatResponse readUpstreamResponse(Endpoint upstream, JsonNode body) {
    return upstream == Endpoint.COMPLETIONS ? OpenAiCompletions.readResponse(body)
        : readResponse(upstream.format(), body);
  }

  /** {@code version} and {@code defaultMaxTokens} apply to Anthropic only. */
  static ObjectNode writeRequest(ProviderFormat format, ChatRequest request, AnthropicVersion version,
      int defaultMaxTokens) {
    return switch (format) {
      case OPENAI -> OpenAiChatMapper.writeRequest(request);
      case ANTHROPIC -> AnthropicMessagesMapper.writeRequest(request, version, defaultMaxTokens);
      case GEMINI -> GeminiMapper.writeRequest(request);
    };
  }

  static ChatResponse readResponse(ProviderFormat format, JsonNode body) {
    return switch (format) {
      case OPENAI -> OpenAiChatMapper.readResponse(body);
      case ANTHROPIC -> AnthropicMessagesMapper.readResponse(body);
      case GEMINI -> GeminiMapper.readResponse(body);
    };
  }

  /** {@code created} (epoch seconds) applies to OpenAI only. */
  static ObjectNode writeResponse(ProviderFormat format, ChatResponse response, long created) {
    return switch (format) {
      case OPENAI -> OpenAiChatMapper.writeResponse(response, created);
      case ANTHROPIC -> AnthropicMessagesMapper.writeResponse(response);
      case GEMINI -> GeminiMapper.writeResponse(response);
    };
  }

  static Decoder decoder(ProviderFormat format) {
    return switch (format) {
      case OPENAI -> {
        OpenAiStreamDecoder d = new OpenAiStreamDecoder();
        yield decoder(d::decode, d::finish);
      }
      case ANTHROPIC -> decoder(new AnthropicStreamDecoder()::decode, List::of);
      case GEMINI -> {
        GeminiStreamDecoder d = new GeminiStreamDecoder();
        yield decoder(d::decode, d::finish);
      }
    };
  }

  private static Decoder decoder(Function<String, List<StreamEvent>> decode, Supplier<List<StreamEvent>> finish) {
    return new Decoder() {
      @Override
      public List<StreamEvent> decode(String data) {
        return decode.apply(data);
      }

      @Override
      public List<StreamEvent> finish() {
        return finish.get();
      }
    };
  }

  /**
   * @param includeUsage whether an OpenAI client asked for the usage chunk (Anthropic clients always
   *     get usage in {@code message_delta})
   * @param created the epoch second OpenAI chunks carry
   * @param sse false for a Gemini client that streams without {@code alt=sse} (a JSON array)
   */
  static Encoder encoder(ProviderFormat format, boolean includeUsage, long created, boolean sse) {
    return switch (format) {
      case OPENAI -> new OpenAiStreamEncoder(includeUsage, created)::encode;
      case ANTHROPIC -> new AnthropicStreamEncoder()::encode;
      case GEMINI -> {
        GeminiStreamEncoder e = sse ? new GeminiStreamEncoder() : GeminiStreamEncoder.jsonArray();
        yield new Encoder() {
          @Override
          public Buffer encode(StreamEvent event) {
            return e.encode(event);
          }

          @Override
          public Buffer end() {
            return e.end();
          }

          @Override
          public String contentType() {
            return e.contentType();
          }
        };
      }
    };
  }
}
