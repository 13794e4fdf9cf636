package dev.keypool.relay.translate;

import dev.keypool.config.ProviderFormat;
import dev.keypool.relay.Endpoint;
import dev.keypool.relay.ResponseHeaders;
import dev.keypool.relay.ResponseMeter;
import dev.keypool.relay.ResponseRelay;
import dev.keypool.translate.ChatResponse;
import dev.keypool.translate.Nodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * The relay of a non-streamed upstream chat response into the client's format: the upstream's JSON
 * body is collected, metered, mapped through the canonical model and answered at the end as
 * {@code application/json}. Nothing reaches the client before the whole body arrived.
 */
final class TranslatedBodyRelay implements ResponseRelay {
  /** A larger body is refused (the attempt fails): a chat response is never near this. */
  private static final int MAX_BODY = 32 * 1024 * 1024;
  private static final Buffer NOTHING = Buffer.buffer();

  private final ResponseMeter meter;
  private final ProviderFormat upstream;
  private final Endpoint client;
  private final long created;
  private final Buffer body = Buffer.buffer();

  TranslatedBodyRelay(ResponseMeter meter, ProviderFormat upstream, Endpoint client, long created) {
    this.meter = meter;
    this.upstream = upstream;
    this.client = client;
    this.created = created;
  }

  @Override
  public ResponseMeter meter() {
    return meter;
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    if (body.length() + chunk.length() > MAX_BODY) {
      throw new IllegalStateException("the response body exceeds " + MAX_BODY + " bytes");
    }
    body.appendBuffer(chunk);
    return NOTHING;
  }

  @Override
  public Buffer onEnd() {
    meter.onBody(body);
    ChatResponse response = ChatCodecs.readResponse(upstream, Nodes.parse(body.toString()));
    return Buffer.buffer(ChatCodecs.writeClientResponse(client, response, created).toString());
  }

  @Override
  public void commit(HttpClientResponse upstreamResponse, HttpServerResponse response, String requestId) {
    response.setStatusCode(upstreamResponse.statusCode());
    ResponseHeaders.copyTranslated(upstreamResponse.headers(), response, requestId, "application/json");
  }
}
