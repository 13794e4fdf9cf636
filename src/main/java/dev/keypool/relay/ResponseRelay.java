package dev.keypool.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * The way one successful upstream response is turned into the client's response, chunk by chunk:
 * {@link PassThroughRelay} forwards the upstream's bytes, the translating relays re-encode them in the
 * client's format. Each one meters the upstream response in the upstream's own format, and judges
 * whether it is the format's answer at all ({@link BadUpstreamResponse}). One per attempt, confined to
 * the request's event loop.
 */
public interface ResponseRelay {

  /** The meter reading the upstream's usage figures from this response. */
  ResponseMeter meter();

  /** What goes to the client for one upstream chunk: possibly empty, never null. */
  Buffer onChunk(Buffer chunk);

  /**
   * What is left for the client when the upstream body ended: possibly empty, never null.
   *
   * @throws BadUpstreamResponse when the body is not the format's answer (also from {@link #onChunk})
   */
  Buffer onEnd();

  /**
   * What was wrong with a response that already went to the client as it came, found at its end
   * (in words), or null: the attempt is then recorded as a failure against the key, though delivered.
   */
  default String defect() {
    return null;
  }

  /** Sets the client's status and headers, just before the first bytes go out. */
  void commit(HttpClientResponse upstream, HttpServerResponse client, String requestId);
}
