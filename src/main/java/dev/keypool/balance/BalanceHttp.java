package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.relay.ClientText;
import dev.keypool.upstream.ProxyRefusal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The balance adapters' HTTP: one JSON request with the key, bounded by a timeout from connect to last
 * byte. Any failure becomes a {@link BalanceException} saying what the upstream did, with the key's
 * secret replaced by its hint wherever the upstream echoed it.
 */
public final class BalanceHttp {
  /** How much of an upstream's error message a failure quotes. */
  private static final int QUOTED = 200;
  /** Balance answers are small; anything larger is not one. */
  private static final int MAX_BODY = 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final ProxyOptions proxy;

  public BalanceHttp(Vertx vertx, Duration timeout) {
    this(vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))), timeout, null);
  }

  private BalanceHttp(HttpClient client, Duration timeout, ProxyOptions proxy) {
    this.client = client;
    this.timeout = timeout;
    this.proxy = proxy;
  }

  /** This client's calls through {@code proxy} (null: direct), on the same connections pool. */
  public BalanceHttp through(ProxyOptions proxy) {
    return new BalanceHttp(client, timeout, proxy);
  }

  /** {@code GET url} with {@code Authorization: Bearer <secret>}. */
  public Future<JsonNode> get(String url, String secret) {
    return call("GET", url, Map.of("authorization", "Bearer " + secret), null, secret);
  }

  /** Sends one request and reads its JSON answer; fails unless the status is 2xx and the body JSON. */
  public Future<JsonNode> call(String method, String url, Map<String, String> headers, String body, String secret) {
    MultiMap sent = MultiMap.caseInsensitiveMultiMap();
    sent.add("accept", "application/json");
    headers.forEach(sent::set);
    if (body != null) {
      sent.set("content-type", sent.get("content-type") == null ? "application/json" : sent.get("content-type"));
    }
    String shown = mask(url, secret);
    RequestOptions options;
    try {
      options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url).setHeaders(sent)
          .setProxyOptions(proxy);
    } catch (RuntimeException e) {
      return Future.failedFuture(new BalanceException("not a usable URL: " + shown));
    }
    // The body is asked for in the very callback that gets the response, on the request's own context:
    // asked for a step later (after a hop between contexts), chunks that came meanwhile would be lost.
    return client.request(options)
        .compose(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
            .compose(response -> response.body().compose(b -> ProxyRefusal.answered(response.statusCode())
                ? Future.failedFuture(ProxyRefusal.failure())
                : Future.succeededFuture(read(method, shown, response.statusCode(), b, secret)))))
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof BalanceException ? e : new BalanceException(
            method + " " + shown + " failed: " + (e instanceof TimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : "the connection failed (" + mask(ProxyRefusal.words(e), secret) + ")"))));
  }

  private static JsonNode read(String method, String url, int status, Buffer body, String secret) {
    if (body.length() > MAX_BODY) {
      throw new BalanceException(method + " " + url + " answered with " + body.length() + " bytes, too many for a balance");
    }
    JsonNode root = null;
    try {
      root = Decimals.MAPPER.readTree(body.getBytes());
    } catch (Exception e) {
      // judged below
    }
    if (status / 100 != 2) {
      String said = (root == null ? body.toString() : message(root)).replaceAll("\\s+", " ").trim();
      throw new BalanceException(method + " " + url + " answered " + status
          + (said == null || said.isBlank() ? "" : ": " + ClientText.quoted(mask(said, secret), QUOTED)));
    }
    if (root == null || !root.isContainerNode()) {
      throw new BalanceException(method + " " + url + " answered " + status + " with a body that is not JSON");
    }
    return root;
  }

  /** The message of an error body in the usual shapes: {@code error.message}, {@code message}, {@code msg}. */
  static String message(JsonNode root) {
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      return error.asText();
    }
    for (JsonNode n : new JsonNode[] {error.path("message"), root.path("message"), root.path("msg")}) {
      if (n.isTextual() && !n.asText().isBlank()) {
        return n.asText();
      }
    }
    return root.toString();
  }

  /** {@code text} with the secret replaced by its hint. */
  static String mask(String text, String secret) {
    return secret == null || secret.isEmpty() ? text : text.replace(secret, ProviderKey.hint(secret));
  }

  public void close() {
    client.close();
  }
}
