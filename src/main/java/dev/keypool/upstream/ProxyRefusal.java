package dev.keypool.upstream;

import io.netty.handler.proxy.ProxyConnectException;
import java.util.Locale;

/**
 * An outbound proxy's refusal of Keypool's credentials (407 Proxy Authentication Required), the one place
 * that knows its two shapes: the answer to a {@code CONNECT} (an {@code https://} upstream), which the
 * HTTP client fails as a {@link ProxyConnectException}, and a 407 answered to a plain {@code http://}
 * request the proxy was to forward. Only a proxy on the way answers 407, never a provider, so both mean
 * the upstream was never reached: a failed connection, not the key's fault and not an answer for the
 * client. Every caller of an upstream (relayed requests, health checks, model lists, OAuth token calls)
 * turns the second shape into the first here and words it with {@link #REASON}, so the operator reads
 * the same reason wherever it happened.
 */
public final class ProxyRefusal {
  /** Proxy Authentication Required. */
  public static final int STATUS = 407;
  /** What the operator and the client are told. */
  public static final String REASON = "the outbound proxy refused Keypool's credentials (407 Proxy Authentication Required)";

  private ProxyRefusal() {}

  /** Whether an answer of {@code status} came from a proxy on the way rather than from the upstream. */
  public static boolean answered(int status) {
    return status == STATUS;
  }

  /** The failure a 407 answer stands for: the same as a refused {@code CONNECT}. */
  public static ProxyConnectException failure() {
    return new ProxyConnectException(STATUS + " from the outbound proxy");
  }

  /** {@code cause}'s message, or {@link #REASON} when it is the proxy's refusal: for "the connection failed: ...". */
  public static String words(Throwable cause) {
    return is(cause) ? REASON : String.valueOf(cause.getMessage());
  }

  /** Whether {@code cause}, or what caused it, is the proxy's refusal of the credentials. */
  public static boolean is(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProxyConnectException && t.getMessage() != null
          && t.getMessage().toLowerCase(Locale.ROOT).contains(String.valueOf(STATUS))) {
        return true;
      }
    }
    return false;
  }
}
