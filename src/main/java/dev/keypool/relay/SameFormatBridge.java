package dev.keypool.relay;

import dev.keypool.provider.UpstreamError;
import io.vertx.core.buffer.Buffer;

/**
 * The bridge of an attempt whose provider speaks the client's format: the client's body with only the
 * model name (and an {@code include_usage} request) spliced in, the response passed through byte for
 * byte, the upstream's error forwarded as is.
 */
final class SameFormatBridge implements Bridge {
  private final Endpoint endpoint;
  private final Buffer body;
  private final boolean hideUsageChunk;

  /**
   * @param body the body to send, already carrying the upstream model name
   * @param hideUsageChunk whether Keypool asked for stream usage the client did not ask for
   */
  SameFormatBridge(Endpoint endpoint, Buffer body, boolean hideUsageChunk) {
    this.endpoint = endpoint;
    this.body = body;
    this.hideUsageChunk = hideUsageChunk;
  }

  @Override
  public String upstreamPath() {
    return endpoint.upstreamPath();
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
