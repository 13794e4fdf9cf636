package dev.keypool.relay;

import dev.keypool.keypool.FailureClass;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/** How one upstream attempt ended, as the retry loop sees it. */
public sealed interface Outcome {

  /** The response reached the client (completely, or as far as the upstream or the client allowed). */
  record Delivered() implements Outcome {}

  /**
   * The attempt failed before anything was sent to the client, so the request may still be retried.
   *
   * @param status upstream status, 0 when no response arrived
   * @param headers and body: the upstream error response, forwarded as is when no retry follows (null without one)
   * @param timedOut whether it ended on one of Keypool's timeouts
   */
  record Failed(FailureClass failure, int status, MultiMap headers, Buffer body, String message, Duration retryAfter,
      boolean timedOut) implements Outcome {}
}
