package dev.keypool.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A scripted answer of the {@link FakeUpstream}: a status, headers and either a body or a list of
 * SSE events, plus the timing and faults to apply while sending it.
 *
 * <p>Replies are immutable; each modifier returns a new one. Build them with {@link Replies}. A
 * reply may depend on the request it answers (to echo the model or honour
 * {@code stream_options.include_usage}); such a reply is resolved per request by
 * {@link #resolve}, and modifiers apply to the resolved result.
 *
 * <p>For a non-streaming reply, {@link #cutAfterEvents} and {@link #hangAfterEvents} send the
 * headers (with the full {@code Content-Length}) and the first half of the body, then close or
 * stay silent: a truncated JSON body.
 */
public final class Reply {
  final WireFormat format;
  int status;
  List<Map.Entry<String, String>> headers = new ArrayList<>();
  byte[] body = new byte[0];
  List<SseEvent> events;
  Framing framing = Framing.SSE;
  Duration delay = Duration.ZERO;
  Duration eventDelay = Duration.ZERO;
  int cutAfterEvents = -1;
  int hangAfterEvents = -1;
  boolean closeWithoutResponse;
  int repeatedEvent = -1;
  long repeatUntilBytes;
  private final Function<RecordedRequest, Reply> resolver;

  /** How a stream's events go on the wire. */
  enum Framing {
    /** {@code event:}/{@code data:} lines, {@code \n} line ends (OpenAI, Anthropic). */
    SSE,
    /** {@code data:} lines with {@code \r\n} line ends, as Gemini sends {@code alt=sse}. */
    SSE_CRLF,
    /** Gemini without {@code alt=sse}: one JSON array, each event's data an element, sent piece by piece. */
    JSON_ARRAY
  }

  Reply(WireFormat format, int status) {
    this.format = format;
    this.status = status;
    this.resolver = null;
  }

  private Reply(WireFormat format, Function<RecordedRequest, Reply> resolver) {
    this.format = format;
    this.resolver = resolver;
  }

  /** A reply computed from the request it answers. */
  public static Reply dynamic(WireFormat format, Function<RecordedRequest, Reply> resolver) {
    return new Reply(format, resolver);
  }

  /** The concrete reply for this request. */
  public Reply resolve(RecordedRequest request) {
    return resolver == null ? this : resolver.apply(request).resolve(request);
  }

  /** The dialect of this reply. */
  public WireFormat format() {
    return format;
  }

  /** Adds a response header. */
  public Reply withHeader(String name, String value) {
    return map(r -> {
      r.headers.add(Map.entry(name, value));
      return r;
    });
  }

  /**
   * Adds the format's request rate-limit headers: {@code x-ratelimit-{limit,remaining,reset}-requests}
   * for OpenAI (reset as a duration such as {@code 6m0s}), {@code anthropic-ratelimit-requests-*}
   * for Anthropic (reset as an RFC 3339 instant), none for Gemini, which has none.
   */
  public Reply withRateLimit(long limit, long remaining, Duration reset) {
    return map(r -> {
      r.headers.addAll(switch (r.format) {
        case OPENAI -> OpenAiWire.rateLimitHeaders(limit, remaining, reset);
        case ANTHROPIC -> AnthropicWire.rateLimitHeaders(limit, remaining, reset);
        case GEMINI -> List.of(); // Gemini sends no rate-limit headers
      });
      return r;
    });
  }

  /** Waits this long before sending the status and headers. */
  public Reply delayed(Duration delay) {
    return map(r -> {
      r.delay = delay;
      return r;
    });
  }

  /** Waits this long between SSE events (also before the first one). */
  public Reply eventDelay(Duration delay) {
    return map(r -> {
      r.eventDelay = delay;
      return r;
    });
  }

  /** Sends the first {@code n} events, then closes the connection: no terminal chunk, no {@code [DONE]}. */
  public Reply cutAfterEvents(int n) {
    return map(r -> {
      r.cutAfterEvents = n;
      return r;
    });
  }

  /** Sends the first {@code n} events, then stays silent with the connection open. */
  public Reply hangAfterEvents(int n) {
    return map(r -> {
      r.hangAfterEvents = n;
      return r;
    });
  }

  /** Closes the connection after reading the request, without sending any response. */
  public Reply closeWithoutResponse() {
    return map(r -> {
      r.closeWithoutResponse = true;
      return r;
    });
  }

  /**
   * Sends event {@code index} again and again, as fast as the connection takes it, until the stream
   * carries {@code totalBytes}, then the rest: a large stream without a large list in memory.
   */
  public Reply repeatEvent(int index, long totalBytes) {
    return map(r -> {
      r.repeatedEvent = index;
      r.repeatUntilBytes = totalBytes;
      return r;
    });
  }

  /** Whether this (resolved) reply is a stream of SSE events. */
  public boolean streaming() {
    return events != null;
  }

  private Reply map(UnaryOperator<Reply> change) {
    if (resolver != null) {
      return dynamic(format, request -> change.apply(resolver.apply(request).resolve(request).copy()));
    }
    return change.apply(copy());
  }

  private Reply copy() {
    Reply r = new Reply(format, status);
    r.headers = new ArrayList<>(headers);
    r.body = body;
    r.events = events == null ? null : List.copyOf(events);
    r.framing = framing;
    r.delay = delay;
    r.eventDelay = eventDelay;
    r.cutAfterEvents = cutAfterEvents;
    r.hangAfterEvents = hangAfterEvents;
    r.closeWithoutResponse = closeWithoutResponse;
    r.repeatedEvent = repeatedEvent;
    r.repeatUntilBytes = repeatUntilBytes;
    return r;
  }
}
