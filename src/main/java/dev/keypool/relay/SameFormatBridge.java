package dev.keypool.relay;

import dev.keypool.provider.UpstreamError;
import io.vertx.core.buffer.Buffer;

/**
 * The bridge of an attempt whose provider speaks the client's format: the client's body with only the
 * model name (and an {@code include_usage} request) spliced in (a Gemini body is sent as is: its model is
 * in the path, and so is the client's choice of SSE or JSON-array streaming), the response passed through byte for
 * byte, the upstream's error forwarded as is (a caller's fault keeps its bytes; the pool keys' own failures
 * are answered by Keypool, see {@link UpstreamKeysFailed}).
 */
final class SameFormatBridge implements Bridge {
  private final Endpoint endpoint;
  private final String upstreamPath;
  private final Buffer body;
  private final boolean hideUsageChunk;

  /**
   * @param body the body to send, already carrying the upstream model name
   * @param hideUsageChunk whether Keypool asked for stream usage the client did not ask for
   */
  SameFormatBridge(Endpoint endpoint, String upstreamPath, Buffer body, boolean hideUsageChunk) {
    this.endpoint = endpoint;
    this.upstreamPath = upstreamPath;
    this.body = body;
    this.hideUsageChunk = hideUsageChunk;
  }

  @Override
  public String upstreamPath() {
    return upstreamPath;
  }

  @Override
  public Buffer requestBody() {
    return body;
  }

  @Override
  public ResponseRelay relay(String upstreamContentType) {
    return new PassThroughRelay(ResponseMeter.start(endpoint, upstreamContentType, hideUsageChunk));
  }

  @Override
  public Outcome.Failed clientFacing(Outcome.Failed upstreamFailure, UpstreamError error) {
    return upstreamFailure;
  }
}
