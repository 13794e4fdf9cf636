package dev.keypool.server;

import dev.keypool.relay.ApiException;
import io.vertx.core.buffer.Buffer;

/**
 * Renders an error answered at the connection level (a read deadline, a refused connection, a request
 * the HTTP decoder rejected) as the JSON body of the endpoint the path belongs to, so that these
 * answers look like every other error of the listener.
 */
@FunctionalInterface
public interface ErrorPages {

  /**
   * @param path the request's path, or as much of it as arrived; empty when unknown
   * @param anthropicVersion the {@code anthropic-version} header when known, else null
   */
  Buffer render(String path, String anthropicVersion, ApiException error);
}
