package dev.keypool.relay;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import dev.keypool.upstream.ProxyRefusal;
import io.netty.handler.proxy.ProxyConnectException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in words why an upstream connection failed, for the client's error message, the attempt's
 * record and the key's last error. Exception class names and library messages ("AnnotatedConnectException:
 * finishConnect(..) failed") mean nothing to a client and tell it about Keypool's internals, so they go
 * to the log only: at DEBUG for the failures named here (an unreachable upstream is routine), with the
 * stack at WARN for anything else, so that a new kind of failure is noticed.
 */
final class UpstreamFailureWords {
  private static final Logger log = LoggerFactory.getLogger(UpstreamFailureWords.class);

  private UpstreamFailureWords() {}

  /** Why the exchange with the upstream failed, in words; the cause is logged with the request id. */
  static String describe(Throwable cause, String requestId) {
    String words = known(cause);
    if (words != null) {
      log.debug("request {}: upstream failure: {}", requestId, cause.toString());
      return words;
    }
    log.atWarn().addKeyValue("request_id", requestId).setCause(cause)
        .log("request {}: unexpected upstream failure, answered as a failed connection", requestId);
    return "the connection to the upstream failed";
  }

  private static String known(Throwable cause) {
    return switch (cause) {
      // Before ConnectException, which they extend.
      case ConnectTimeoutException e -> "the connection to the upstream timed out";
      case ProxyConnectException e when ProxyRefusal.is(e) -> ProxyRefusal.REASON;
      case ProxyConnectException e -> "the outbound proxy could not open a connection to the upstream";
      case ConnectException e -> "the upstream refused the connection";
      case UnknownHostException e -> "the upstream's host name could not be resolved";
      case SSLException e -> "the TLS handshake with the upstream failed";
      case ConnectionPoolTooBusyException e -> "too many requests were waiting for a connection to the upstream";
      // Keypool's own deadlines carry their reason in words ("no response within the first-byte timeout of 2s").
      case TimeoutException e -> e.getMessage() == null ? "the upstream did not answer in time" : e.getMessage();
      case StreamResetException e -> "the upstream reset the stream";
      case HttpClosedException e -> "the upstream closed the connection";
      case DecoderException e -> "the upstream's response was not valid HTTP";
      // Thrown by the exchange itself when a successful response cannot be read or translated.
      case IllegalStateException e -> "the upstream's response could not be read";
      case IOException e when mentions(e, "reset") -> "the upstream connection was reset";
      case IOException e when mentions(e, "broken pipe") -> "the upstream closed the connection";
      case IOException e -> "the connection to the upstream failed";
      default -> cause.getCause() != null && cause.getCause() != cause ? known(cause.getCause()) : null;
    };
  }

  private static boolean mentions(Throwable e, String words) {
    return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(words);
  }
}
