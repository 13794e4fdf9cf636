package dev.keypool.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * The relay of a same-format response: the upstream's bytes go to the client as received (except the
 * usage chunk Keypool asked for on the client's behalf), with the upstream's status and content
 * headers.
 *
 * <p>An SSE stream flows at once. A JSON body is only of use to the client once complete, so it is
 * held (in the meter's copy, up to its bound) and checked at its end: one that is not the format's
 * JSON answer (HTML from a proxy, truncated, not an object) throws {@link BadUpstreamResponse} before
 * anything reached the client, and the attempt can go to another key. A body that does not even start
 * like JSON fails at its first byte. Past the bound, and for Gemini's streamed JSON array, the bytes
 * flow as they come and a defect found at the end is only reported ({@link #defect()}).
 */
final class PassThroughRelay implements ResponseRelay {
  private static final Buffer NOTHING = Buffer.buffer();

  private enum Mode {
    /** Nothing but white space yet: held. */
    UNDECIDED,
    /** A JSON object, held in the meter's copy until its end. */
    HELD,
    /** Forwarded as received. */
    FLOWING
  }

  private final ResponseMeter meter;
  private Mode mode;

  PassThroughRelay(ResponseMeter meter) {
    this.meter = meter;
    this.mode = meter.eventStream() ? Mode.FLOWING : Mode.UNDECIDED;
  }

  @Override
  public ResponseMeter meter() {
    return meter;
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    if (mode == Mode.FLOWING) {
      return meter.onChunk(chunk);
    }
    Buffer held = meter.jsonBody();
    int before = held.length();
    Buffer out = meter.onChunk(chunk);
    if (meter.jsonBody() == null) {
      // Past the copy's bound: what was held goes out now, and the rest as it comes.
      mode = Mode.FLOWING;
      return Buffer.buffer(before + out.length()).appendBuffer(held, 0, before).appendBuffer(out);
    }
    if (mode == Mode.UNDECIDED) {
      decide(held, before);
    }
    return mode == Mode.FLOWING ? held.copy() : NOTHING;
  }

  /** Looks at the first byte that is not white space, from {@code from} on, once it arrived. */
  private void decide(Buffer held, int from) {
    for (int i = from; i < held.length(); i++) {
      byte b = held.getByte(i);
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      String defect = JsonShape.defectOfStart(b, meter.arrayAllowed());
      if (defect != null) {
        throw new BadUpstreamResponse(defect);
      }
      mode = b == '[' ? Mode.FLOWING : Mode.HELD;
      return;
    }
  }

  @Override
  public Buffer onEnd() {
    if (mode == Mode.FLOWING) {
      return meter.onEnd();
    }
    String defect = meter.bodyDefect();
    if (defect != null) {
      throw new BadUpstreamResponse(defect);
    }
    return meter.jsonBody();
  }

  /** A flowing JSON body (past the bound, or Gemini's array) is judged at its end, when it was kept whole. */
  @Override
  public String defect() {
    return mode == Mode.FLOWING && !meter.eventStream() ? meter.bodyDefect() : null;
  }

  @Override
  public void commit(HttpClientResponse upstream, HttpServerResponse client, String requestId) {
    client.setStatusCode(upstream.statusCode());
    ResponseHeaders.copy(upstream.headers(), client, requestId);
    String length = upstream.getHeader("content-length");
    if (length != null && upstream.getHeader("transfer-encoding") == null) {
      client.putHeader("content-length", length);
    } else {
      client.setChunked(true);
    }
  }
}
