package dev.keypool.provider;

import dev.keypool.config.ProviderFormat;
import dev.keypool.relay.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One wire format's vocabulary for what the relay needs to say and understand: Keypool's own errors
 * rendered for a client of this format, upstream error bodies read, and the headers every upstream
 * request of this format needs. Pure: no I/O.
 */
public interface WireFormat {

  ProviderFormat id();

  /** The body of an error Keypool answers to a client that called an endpoint of this format. */
  Buffer errorBody(ApiException error);

  /**
   * An error event for a stream that already started (the status line is gone), in this format's SSE
   * framing, or null when the format has none.
   */
  Buffer streamErrorEvent(String type, String message);

  /** Reads an upstream error body of this format; {@link UpstreamError#EMPTY} when it cannot be read. */
  UpstreamError parseError(Buffer body);

  /**
   * How long the upstream asks to wait, when its error body says so (for a format that does not use the
   * {@code retry-after} header); null otherwise.
   */
  default java.time.Duration retryAfter(Buffer errorBody) {
    return null;
  }

  /** Adds headers this format requires upstream when the client did not send them. */
  default void addRequiredHeaders(MultiMap upstreamHeaders) {}
}
