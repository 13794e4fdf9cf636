package dev.keypool.relay.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.openai.responses.ToolNames;
import dev.keypool.relay.Bridge;
import dev.keypool.relay.Endpoint;
import dev.keypool.relay.Outcome;
import dev.keypool.relay.ResponseMeter;
import dev.keypool.relay.ResponseRelay;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.ClientError;
import dev.keypool.translate.ErrorMapping;
import dev.keypool.translate.ResponseEvents;
import dev.keypool.translate.StreamEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The bridge of a chat attempt whose provider speaks the other wire format: the request written in
 * the provider's format, the response re-encoded in the client's ({@link TranslatedStreamRelay} or
 * {@link TranslatedBodyRelay}) and metered in the provider's, and upstream errors mapped into the
 * client's error vocabulary with the mapped status (those that can reach the client: the pool keys' own
 * failures are answered by the retry loop instead). For a fake stream the upstream answers JSON and
 * the client gets it as one SSE stream of its format.
 */
final class TranslatingBridge implements Bridge {
  private final Endpoint upstream;
  private final String upstreamPath;
  private final Endpoint client;
  private final boolean clientSse;
  private final ObjectNode body;
  private final boolean clientAskedForUsage;
  private final long created;
  private final ErrorMapping errors;
  private final boolean fakeStream;
  private final ToolNames toolNames;

  /**
   * @param clientSse false for a Gemini client streaming without {@code alt=sse}
   * @param fakeStream whether the client streams while the upstream was asked for one JSON answer
   * @param toolNames the tools a Responses request renamed for the upstream
   */
  TranslatingBridge(Endpoint upstream, String upstreamPath, Endpoint client, boolean clientSse, ObjectNode body,
      boolean clientAskedForUsage, long created, ErrorMapping errors, boolean fakeStream, ToolNames toolNames) {
    this.fakeStream = fakeStream;
    this.toolNames = toolNames;
    this.upstream = upstream;
    this.upstreamPath = upstreamPath;
    this.client = client;
    this.clientSse = clientSse;
    this.body = body;
    this.clientAskedForUsage = clientAskedForUsage;
    this.created = created;
    this.errors = errors;
  }

  @Override
  public String upstreamPath() {
    return upstreamPath;
  }

  @Override
  public Buffer requestBody() {
    return Buffer.buffer(body.toString());
  }

  @Override
  public ResponseRelay relay(String upstreamContentType) {
    ResponseMeter meter = ResponseMeter.start(upstream, upstreamContentType, false);
    boolean eventStream = upstreamContentType != null && upstreamContentType.startsWith("text/event-stream");
    if (eventStream) {
      return new TranslatedStreamRelay(meter, ChatCodecs.decoder(upstream.format()), encoder());
    }
    if (fakeStream) {
      ChatCodecs.Encoder encoder = encoder();
      return new TranslatedBodyRelay(meter, upstream, answer -> replay(answer, encoder),
          encoder.contentType());
    }
    return new TranslatedBodyRelay(meter, upstream,
        answer -> Buffer.buffer(ChatCodecs.writeClientResponse(client, answer, created, toolNames).toString()),
        "application/json");
  }

  private ChatCodecs.Encoder encoder() {
    return ChatCodecs.clientEncoder(client, clientAskedForUsage, created, clientSse, toolNames);
  }

  /** The whole answer as the client's stream. */
  private static Buffer replay(ChatResponse answer, ChatCodecs.Encoder encoder) {
    Buffer out = Buffer.buffer();
    for (StreamEvent event : ResponseEvents.of(answer)) {
      out.appendBuffer(encoder.encode(event));
    }
    return out.appendBuffer(encoder.end());
  }

  @Override
  public Outcome.Failed clientFacing(Outcome.Failed failure, UpstreamError error) {
    if (failure.body() == null) {
      return failure;
    }
    ClientError mapped = errors.map(upstream.format(), failure.status(), error, client.format());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (failure.headers() != null) {
      headers.addAll(failure.headers());
    }
    headers.set("content-type", "application/json");
    if (failure.retryAfter() != null && !headers.contains("retry-after")) {
      // Gemini gives its wait only as a RetryInfo detail in the body, which OpenAI and Anthropic
      // clients do not read: they look for the header.
      headers.set("retry-after", Long.toString(Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000)));
    }
    return new Outcome.Failed(failure.failure(), mapped.status(), headers, errors.body(client.format(), mapped),
        failure.message(), failure.retryAfter(), failure.timedOut());
  }
}
