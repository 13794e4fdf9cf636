package dev.keypool.relay;

import dev.keypool.provider.UpstreamError;
import io.vertx.core.buffer.Buffer;

/**
 * How one upstream attempt bridges the client's wire format and its provider's: the path and body
 * sent upstream, how a successful response reaches the client, and how an upstream error is shown to
 * the client. {@link SameFormatBridge} passes bytes through; {@code translate.TranslatingBridge} goes
 * through the canonical model. Chosen per attempt, so a route may mix candidates of both formats.
 */
public interface Bridge {

  /** The path appended to the provider's base URL. */
  String upstreamPath();

  /** The request body sent upstream. */
  Buffer requestBody();

  /** A fresh relay for a successful upstream response of this content type. */
  ResponseRelay relay(String upstreamContentType);

  /**
   * The failure as the client should get it if no retry follows: the upstream's error as is for the
   * same format, mapped into the client's format (status, body and content type) otherwise. A failure
   * of the pool's keys (credential, quota, model access) never reaches the client this way: the retry
   * loop answers it with Keypool's own 502 ({@link UpstreamKeysFailed}).
   *
   * @param error what the upstream's error body says, read in the upstream's format
   */
  Outcome.Failed clientFacing(Outcome.Failed upstreamFailure, UpstreamError error);
}
