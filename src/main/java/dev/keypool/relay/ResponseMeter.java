package dev.keypool.relay;

import dev.keypool.usage.AnthropicStreamMeter;
import dev.keypool.usage.BodyMeter;
import dev.keypool.usage.GeminiStreamMeter;
import dev.keypool.usage.OpenAiStreamMeter;
import dev.keypool.usage.ResponsesStreamMeter;
import dev.keypool.usage.SseEvent;
import dev.keypool.usage.SseSplitter;
import dev.keypool.usage.StreamMeter;
import dev.keypool.usage.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Reads the upstream's own usage figures from a successful response as it passes through, always in
 * the upstream's wire format (a translated response is metered as the upstream sent it): SSE
 * events are split out of the chunks and fed to the format's {@link StreamMeter}; a JSON body is
 * copied (up to a bound) and read at the end. It can also hide the usage-only chunk of an OpenAI
 * stream from a client that did not ask for it (Keypool asked the upstream on its behalf); otherwise
 * chunks are forwarded exactly as received.
 */
public final class ResponseMeter {
  /** Larger non-stream bodies are passed through without being metered (usage then comes from an estimate). */
  private static final int MAX_BODY_COPY = 8 * 1024 * 1024;

  private final Endpoint endpoint;
  private final boolean hideUsageChunk;
  private final SseSplitter splitter;
  private final StreamMeter streamMeter;
  private Buffer body;
  private boolean bodyTooLarge;

  private ResponseMeter(Endpoint endpoint, boolean eventStream, boolean hideUsageChunk) {
    this.endpoint = endpoint;
    this.streamMeter = eventStream ? streamMeterFor(endpoint) : null;
    this.splitter = streamMeter == null && !hideUsageChunk ? null : eventStream ? new SseSplitter() : null;
    this.hideUsageChunk = hideUsageChunk && eventStream;
    this.body = eventStream ? null : Buffer.buffer();
  }

  /**
   * @param endpoint the operation as the upstream serves it ({@link Endpoint#in} the provider's
   *     format): its format is the upstream's, whatever the client speaks
   * @param contentType the upstream response's content type
   * @param hideUsageChunk whether Keypool asked for stream usage the client did not ask for
   */
  public static ResponseMeter start(Endpoint endpoint, String contentType, boolean hideUsageChunk) {
    boolean eventStream = contentType != null && contentType.startsWith("text/event-stream");
    return new ResponseMeter(endpoint, eventStream, hideUsageChunk);
  }

  private static StreamMeter streamMeterFor(Endpoint endpoint) {
    return switch (endpoint.format()) {
      case OPENAI -> endpoint == Endpoint.CHAT_COMPLETIONS || endpoint == Endpoint.COMPLETIONS ? new OpenAiStreamMeter()
          : endpoint == Endpoint.RESPONSES ? new ResponsesStreamMeter() : null;
      case ANTHROPIC -> endpoint == Endpoint.MESSAGES ? new AnthropicStreamMeter() : null;
      case GEMINI -> endpoint == Endpoint.GENERATE_CONTENT ? new GeminiStreamMeter() : null;
    };
  }

  /** Observes one upstream chunk and returns what goes to the client (possibly empty, never null). */
  public Buffer onChunk(Buffer chunk) {
    if (body != null) {
      if (!bodyTooLarge && body.length() + chunk.length() <= MAX_BODY_COPY) {
        body.appendBuffer(chunk);
      } else {
        bodyTooLarge = true;
      }
      return chunk;
    }
    if (splitter == null) {
      return chunk;
    }
    List<SseEvent> events = BadUpstreamResponse.events(splitter, chunk);
    if (streamMeter != null) {
      streamMeter.acceptAll(events);
    }
    if (!hideUsageChunk) {
      return chunk;
    }
    Buffer out = Buffer.buffer(chunk.length());
    for (SseEvent e : events) {
      if (!OpenAiStreamMeter.isUsageOnlyChunk(e)) {
        out.appendBuffer(e.raw());
      }
    }
    return out;
  }

  /** Observes SSE events a translating relay split out of the upstream stream itself. */
  public void onEvents(List<SseEvent> events) {
    if (streamMeter != null) {
      streamMeter.acceptAll(events);
    }
  }

  /** Observes the complete JSON body a translating relay collected itself. */
  public void onBody(Buffer whole) {
    if (body != null) {
      body = whole;
      bodyTooLarge = false;
    }
  }

  /** Whether the response is an SSE stream (else a JSON body, copied up to a bound). */
  public boolean eventStream() {
    return body == null;
  }

  /**
   * The JSON body copied so far, or null for an event stream or a body past the copy's bound. A relay
   * that must see the whole body before answering holds it here rather than in a copy of its own.
   */
  public Buffer jsonBody() {
    return body == null || bodyTooLarge ? null : body;
  }

  /**
   * What keeps the copied body from being the format's JSON answer, in words, or null when it is one:
   * a whole JSON object (for Gemini also the JSON array of a stream without {@code alt=sse}). Null as
   * well when nothing was copied (an event stream, a body past the bound): what was not kept is not judged.
   */
  public String bodyDefect() {
    Buffer copied = jsonBody();
    return copied == null ? null : JsonShape.defect(copied, arrayAllowed());
  }

  /** Whether a JSON array is the format's answer too (Gemini's stream without {@code alt=sse}). */
  public boolean arrayAllowed() {
    return endpoint == Endpoint.GENERATE_CONTENT;
  }

  /** What is left to forward when the upstream body ended (an unfinished event held back). */
  public Buffer onEnd() {
    return hideUsageChunk ? splitter.drain() : Buffer.buffer();
  }

  /** The upstream's usage figures, or null when it gave none (or the response was cut short before them). */
  public Usage usage() {
    if (streamMeter != null) {
      return streamMeter.usage();
    }
    if (body == null || bodyTooLarge || body.length() == 0) {
      return null;
    }
    if (endpoint == Endpoint.COUNT_TOKENS || endpoint == Endpoint.GEMINI_COUNT_TOKENS) {
      return BodyMeter.anthropicCountTokens();
    }
    return switch (endpoint.format()) {
      case OPENAI -> BodyMeter.openAi(body.getBytes());
      case ANTHROPIC -> BodyMeter.anthropic(body.getBytes());
      case GEMINI -> BodyMeter.gemini(body.getBytes());
    };
  }

  /** Whether the stream reached its proper end (a complete body counts as complete). */
  public boolean complete() {
    return streamMeter == null || streamMeter.complete();
  }

  /**
   * The estimated tokens of the text served so far, for an estimate when the upstream's figures are
   * missing: counted as the events passed, so this costs at most one small block of tokenizer work.
   */
  public long servedTokens() {
    return streamMeter == null ? 0 : streamMeter.servedTokens();
  }

  /** The chars of the text served so far: a size to fall back on when no estimate can be made. */
  public long servedChars() {
    return streamMeter == null ? 0 : streamMeter.servedChars();
  }
}
