package dev.keypool.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * The relay of a same-format response: the upstream's bytes go to the client as received (except the
 * usage chunk Keypool asked for on the client's behalf), with the upstream's status and content
 * headers.
 */
final class PassThroughRelay implements ResponseRelay {
  private final ResponseMeter meter;

  PassThroughRelay(ResponseMeter meter) {
    this.meter = meter;
  }

  @Override
  public ResponseMeter meter() {
    return meter;
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    return meter.onChunk(chunk);
  }

  @Override
  public Buffer onEnd() {
    return meter.onEnd();
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
