package dev.keypool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.config.ProviderConfig;
import dev.keypool.relay.ClientText;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.upstream.ProxyRefusal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calls an OAuth 2.0 token endpoint (RFC 6749 section 4.1.3 and section 6): the form-encoded
 * {@code authorization_code} grant with the PKCE verifier, and the {@code refresh_token} grant. A token
 * call goes out as the account's upstream calls do ({@link OutboundProxy}): through the account's
 * provider's own proxy when it has one, else through the global proxy unless the token endpoint's host
 * is in its {@code no_proxy} list. Blocking: callers run it on a worker thread, never on an event loop.
 * Tokens never appear in its messages.
 */
public final class TokenClient {
  /** When an answer has no {@code expires_in}, the access token is taken to last this long. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTED = 200;

  private final Duration timeout;
  private final Clock clock;
  private final OutboundProxy proxy;
  private final Function<String, ProviderConfig> providers;
  private volatile HttpClient http;
  private volatile Context context;

  /** @param providers the provider in use of an id (null when none), whose proxy a token call takes */
  public TokenClient(Clock clock, Duration timeout, OutboundProxy proxy, Function<String, ProviderConfig> providers) {
    this.clock = clock;
    this.timeout = timeout;
    this.proxy = proxy;
    this.providers = providers;
  }

  /**
   * Makes the HTTP client on {@code vertx}, its answers read on an event loop of its own; token calls need
   * it. A token call comes minutes apart from the next, so no connection is kept open between them.
   */
  public void start(Vertx vertx) {
    context = vertx.getOrCreateContext();
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
  }

  public void close() {
    HttpClient client = http;
    if (client != null) {
      client.close();
    }
  }

  /** Exchanges an authorization code; the answer must carry a refresh token, or the account could not be kept. */
  public Tokens exchangeCode(OAuthRequest client, String code, String redirectUri, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    if (redirectUri != null) {
      form.put("redirect_uri", redirectUri);
    }
    form.put("code_verifier", verifier);
    Tokens t = post(client, form);
    if (t.refreshToken() == null) {
      throw new TokenException("the token endpoint granted no refresh token (was offline access asked for?)", true);
    }
    return t;
  }

  /** Refreshes the access token; the answer's refresh token is null when the server did not rotate it. */
  public Tokens refresh(OAuthRequest client, String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return post(client, form);
  }

  /**
   * Who asks: the token endpoint and the client's credentials, for an account of {@code provider} (whose
   * proxy the call takes).
   */
  public record OAuthRequest(String tokenUrl, String clientId, String clientSecret, String provider) {
    @Override
    public String toString() {
      return "OAuthRequest[" + tokenUrl + ", client " + clientId + "]";
    }
  }

  private Tokens post(OAuthRequest client, Map<String, String> form) {
    form.put("client_id", client.clientId());
    if (client.clientSecret() != null && !client.clientSecret().isEmpty()) {
      form.put("client_secret", client.clientSecret());
    }
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    String url = client.tokenUrl();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(usable(url))
        .putHeader("content-type", "application/x-www-form-urlencoded").putHeader("accept", "application/json")
        .setProxyOptions(proxy.options(client.provider() == null ? null : providers.apply(client.provider()), url));
    Answer answer = send(url, options, body);
    if (ProxyRefusal.answered(answer.status())) {
      throw new TokenException("POST " + url + " failed: " + ProxyRefusal.REASON, false);
    }
    return read(url, answer.status(), answer.body(), form);
  }

  private record Answer(int status, String body) {}

  /** Sends on the client's own context (never the caller's: it may be this very worker) and waits. */
  private Answer send(String url, RequestOptions options, String body) {
    HttpClient client = http;
    if (client == null) {
      throw new TokenException("POST " + url + " failed: the token client is not started", false);
    }
    CompletableFuture<Answer> done = new CompletableFuture<>();
    context.runOnContext(v -> client.request(options)
        // The body is asked for in the callback that gets the response (see BalanceHttp.call).
        .compose(request -> request.send(body)
            .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString()))))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            done.complete(ar.result());
          } else {
            done.completeExceptionally(ar.cause());
          }
        }));
    try {
      return done.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TokenException("POST " + url + " failed: " + failure(e.getCause()), false);
    } catch (TimeoutException e) {
      throw new TokenException("POST " + url + " failed: " + failure(e), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException("POST " + url + " was interrupted", false);
    }
  }

  private String failure(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within " + timeout.toSeconds() + "s";
    }
    if (ProxyRefusal.is(e)) {
      return ProxyRefusal.REASON;
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /** {@code url} if it is an absolute http(s) URL; a token URL that is not can never work. */
  private static String usable(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw new TokenException("not a usable token URL: " + url, true);
  }

  private Tokens read(String url, int status, String body, Map<String, String> sent) {
    JsonNode root = null;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // judged below
    }
    if (status / 100 != 2) {
      String said = root == null ? body : errorWords(root);
      said = mask(said == null ? "" : said.replaceAll("\\s+", " ").trim(), sent);
      boolean rejected = status / 100 == 4 && status != 408 && status != 429;
      throw new TokenException("POST " + url + " answered " + status
          + (said.isEmpty() ? "" : ": " + ClientText.quoted(said, QUOTED)), rejected);
    }
    if (root == null || !root.path("access_token").isTextual() || root.path("access_token").asText().isEmpty()) {
      throw new TokenException("POST " + url + " answered " + status + " without an access_token", false);
    }
    long seconds = root.path("expires_in").asLong(0);
    Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
    JsonNode refresh = root.path("refresh_token");
    return new Tokens(root.path("access_token").asText(),
        refresh.isTextual() && !refresh.asText().isEmpty() ? refresh.asText() : null, clock.instant().plus(lifetime));
  }

  /** RFC 6749 section 5.2: {@code error} and {@code error_description}; other shapes as they come. */
  private static String errorWords(JsonNode root) {
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      String description = root.path("error_description").asText("");
      return description.isEmpty() ? error.asText() : error.asText() + ": " + description;
    }
    JsonNode message = error.path("message");
    return message.isTextual() ? message.asText() : root.toString();
  }

  /** The answer with any value the request carried (code, tokens, secret) taken out, should it echo one. */
  private static String mask(String text, Map<String, String> sent) {
    String out = text;
    for (Map.Entry<String, String> e : sent.entrySet()) {
      if (!e.getKey().equals("grant_type") && !e.getKey().equals("client_id") && e.getValue().length() >= 8) {
        out = out.replace(e.getValue(), "[" + e.getKey() + "]");
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
