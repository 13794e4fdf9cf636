package dev.keypool.relay;

import dev.keypool.config.AuthStyle;
import dev.keypool.config.HeaderPolicyConfig;
import dev.keypool.config.ProviderConfig;
import dev.keypool.provider.WireFormat;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which headers go upstream: the allow-listed client headers, the provider's static headers,
 * the format's required headers and the provider key. The client's own credentials, cookies, address
 * and connection headers never pass, even when an allow-list entry would match them.
 *
 * <p>The allow-list can be replaced at run time ({@link #replace}, on a configuration reload): it is
 * one immutable snapshot behind a volatile field, read once per upstream request, so a request's
 * headers always follow one version of the rules.
 */
public final class HeaderPolicy {
  private static final Set<String> NEVER = Set.of(
      "authorization", "x-api-key", "x-goog-api-key", "proxy-authorization", "cookie", "set-cookie",
      "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded",
      "true-client-ip", "cf-connecting-ip", "x-client-ip", "via", "host", "content-length", "connection",
      "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "expect", "accept-encoding");

  private volatile Rules rules;

  /** One version of the allow-list: exact names and prefixes (a trailing {@code *} stripped). */
  private record Rules(Set<String> exact, List<String> prefixes) {
    static Rules of(HeaderPolicyConfig config) {
      List<String> pre = new ArrayList<>();
      java.util.HashSet<String> ex = new java.util.HashSet<>();
      for (String name : config.forward()) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("*")) {
          pre.add(n.substring(0, n.length() - 1));
        } else {
          ex.add(n);
        }
      }
      return new Rules(Set.copyOf(ex), List.copyOf(pre));
    }

    boolean forwards(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (NEVER.contains(n) || n.startsWith("x-forwarded-")) {
        return false;
      }
      if (exact.contains(n)) {
        return true;
      }
      for (String p : prefixes) {
        if (n.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }

  public HeaderPolicy(HeaderPolicyConfig config) {
    this.rules = Rules.of(config);
  }

  /** Takes a new allow-list; upstream requests built from now on follow it. */
  public void replace(HeaderPolicyConfig config) {
    this.rules = Rules.of(config);
  }

  /** Whether a client header of this name may be forwarded. */
  public boolean forwards(String name) {
    return rules.forwards(name);
  }

  private static boolean formatSpecific(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("anthropic-") || n.startsWith("openai-");
  }

  /** The complete header set of an upstream request of the client's own format. */
  public MultiMap upstreamHeaders(MultiMap clientHeaders, ProviderConfig provider, WireFormat format, String secret) {
    return upstreamHeaders(clientHeaders, provider, format, secret, false);
  }

  /**
   * The complete header set of an upstream request in the provider's {@code format}. For a translated
   * request the client's format-specific headers ({@code anthropic-*}, {@code openai-*}) are not
   * forwarded: they describe the client's format, not the one sent upstream.
   */
  public MultiMap upstreamHeaders(MultiMap clientHeaders, ProviderConfig provider, WireFormat format, String secret,
      boolean translated) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    Rules current = rules;
    for (Map.Entry<String, String> h : clientHeaders) {
      if (current.forwards(h.getKey()) && !(translated && formatSpecific(h.getKey()))) {
        out.add(h.getKey(), h.getValue());
      }
    }
    provider.headers().forEach((name, value) -> {
      // A passed-through body was written by the client for the API version it names, so its version
      // wins; the provider's applies to translated requests and to clients that send none.
      if (!(name.equals("anthropic-version") && !translated && out.contains(name))) {
        out.set(name, value);
      }
    });
    format.addRequiredHeaders(out);
    out.set("content-type", "application/json");
    switch (provider.auth() == null ? AuthStyle.BEARER : provider.auth()) {
      case BEARER -> out.set("authorization", "Bearer " + secret);
      case X_API_KEY -> out.set("x-api-key", secret);
      case X_GOOG_API_KEY -> out.set("x-goog-api-key", secret);
      case RAW_AUTHORIZATION -> out.set("authorization", secret);
    }
    return out;
  }
}
