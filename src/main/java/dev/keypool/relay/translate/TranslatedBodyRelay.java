package dev.keypool.relay.translate;

import java.util.function.Function;
import dev.keypool.relay.BadUpstreamResponse;
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
 * body is collected, metered, mapped through the canonical model and answered at the end, as
 * {@code application/json} or, for a fake stream, as the whole SSE stream at once. Nothing reaches the
 * client before the whole body arrived (except a fake stream's keep-alives, sent outside the relay),
 * so a body that is not the format's answer fails the attempt and the request goes to another key.
 */
final class TranslatedBodyRelay implements ResponseRelay {
  /** A larger body is refused (the attempt fails): a chat response is never near this. */
  private static final int MAX_BODY = 32 * 1024 * 1024;
  private static final Buffer NOTHING = Buffer.buffer();

  private final ResponseMeter meter;
  private final Endpoint upstream;
  private final Function<ChatResponse, Buffer> render;
  private final String contentType;
  private final Buffer body = Buffer.buffer();

  /**
   * @param render the client's bytes for the canonical answer
   * @param contentType the content type of those bytes
   */
  TranslatedBodyRelay(ResponseMeter meter, Endpoint upstream, Function<ChatResponse, Buffer> render,
      String contentType) {
    this.meter = meter;
    this.upstream = upstream;
    this.render = render;
    this.contentType = contentType;
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

  /** @throws BadUpstreamResponse when the body is not one JSON object the format's reader understands */
  @Override
  public Buffer onEnd() {
    meter.onBody(body);
    String defect = meter.bodyDefect();
    if (defect != null) {
      throw new BadUpstreamResponse(defect);
    }
    ChatResponse response;
    try {
      response = ChatCodecs.readUpstreamResponse(upstream, Nodes.parse(body.toString()));
    } catch (RuntimeException e) {
      throw new BadUpstreamResponse("JSON that is not a chat response");
    }
    return render.apply(response);
  }

  /** Leaves status and headers alone when a fake stream's keep-alives already sent them. */
  @Override
  public void commit(HttpClientResponse upstreamResponse, HttpServerResponse response, String requestId) {
    if (response.headWritten()) {
      return;
    }
    response.setStatusCode(upstreamResponse.statusCode());
    ResponseHeaders.copyTranslated(upstreamResponse.headers(), response, requestId, contentType);
  }
}
