package dev.keypool.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.ClientText;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.upstream.ModelListCall;
import dev.keypool.upstream.OutboundProxy;
import dev.keypool.upstream.ProxyRefusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/providers/{id}/upstream-models}: the models the provider itself lists, asked with one
 * of its enabled keys (a healthy one first) in the provider's format: OpenAI's {@code GET {base}/models},
 * Anthropic's {@code GET {base}/models} ({@code x-api-key}, {@code anthropic-version}), Gemini's
 * {@code GET /v1beta/models} ({@code x-goog-api-key}); one page of up to 1000 models. Answers are cached
 * for {@link #TTL} per provider and base URL; {@code ?refresh=true} asks again. The upstream call is
 * bounded by {@link #TIMEOUT}; a failure is a 502 that says what the upstream did.
 */
final class UpstreamModels {
  static final Duration TTL = Duration.ofMinutes(10);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** How much of an upstream's error message a 502 quotes. */
  private static final int QUOTED = 200;

  private final RouteTable routes;
  private final ProviderKeyStore keys;
  private final KeyPool pool;
  private final HeaderPolicy headers;
  private final OutboundProxy proxy;
  private final Blocking blocking;
  private final Clock clock;
  private final HttpClient http;
  private final WireFormats formats = WireFormats.standard();
  private final Cache<String, Listing> cache;

  /** One answer of the upstream, normalized. */
  record Listing(List<ModelListCall.Model> models, Instant fetchedAt) {}

  UpstreamModels(Vertx vertx, RouteTable routes, ProviderKeyStore keys, KeyPool pool, HeaderPolicy headers,
      Blocking blocking, Clock clock, OutboundProxy proxy) {
    this.proxy = proxy;
    this.routes = routes;
    this.keys = keys;
    this.pool = pool;
    this.headers = headers;
    this.blocking = blocking;
    this.clock = clock;
    this.http = vertx.createHttpClient();
    this.cache = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(TTL)
        .ticker(() -> clock.millis() * 1_000_000L).build();
  }

  void mount(Router router) {
    router.get("/api/providers/:id/upstream-models").handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    String id = rc.pathParam("id");
    String refresh = rc.queryParams().get("refresh");
    if (refresh != null && !refresh.equals("true") && !refresh.equals("false")) {
      AdminJson.error(rc, 400, "invalid_request", "'refresh' must be true or false.");
      return;
    }
    ProviderConfig p = routes.current().provider(id);
    if (p == null) {
      AdminJson.error(rc, 404, "not_found", "Provider '" + id + "' does not exist.");
      return;
    }
    String cacheKey = p.id() + " " + p.baseUrl();
    Listing hit = "true".equals(refresh) ? null : cache.getIfPresent(cacheKey);
    if (hit != null) {
      AdminJson.send(rc, 200, body(hit, true));
      return;
    }
    Future<Listing> fetched = blocking.run(() -> secret(p)).compose(secret -> fetch(p, secret));
    AdminRoutes.answer(rc, fetched.map(listing -> {
      cache.put(cacheKey, listing);
      return body(listing, false);
    }), 200);
  }

  private static Map<String, Object> body(Listing listing, boolean cached) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("models", listing.models());
    out.put("fetched_at", listing.fetchedAt().toString());
    out.put("cached", cached);
    return out;
  }

  /** The secret of an enabled key of {@code p}, a healthy one first; 409 when it has none. */
  private String secret(ProviderConfig p) {
    List<ProviderKey> enabled = new ArrayList<>(keys.list().stream()
        .filter(k -> k.providerId().equals(p.id()) && k.enabled()).toList());
    if (enabled.isEmpty()) {
      throw new AdminException(409, "no_enabled_key", "Provider '" + p.id()
          + "' has no enabled key to ask the upstream with; add one with POST /api/provider-keys.");
    }
    enabled.sort(Comparator.comparingInt(k -> {
      KeySnapshot s = pool.snapshot(k.id());
      return s != null && s.state() == KeyState.HEALTHY ? 0 : 1;
    }));
    return enabled.getFirst().secret();
  }

  private Future<Listing> fetch(ProviderConfig p, String secret) {
    String url = ModelListCall.url(p);
    return ModelListCall.send(http, p, secret, headers, TIMEOUT, proxy)
        .map(answer -> read(p, url, answer))
        .recover(e -> Future.failedFuture(e instanceof AdminException ? e : upstreamFailed(url,
            e instanceof java.util.concurrent.TimeoutException ? "no answer within " + TIMEOUT.toSeconds() + "s"
                : "the connection failed (" + ClientText.quoted(ProxyRefusal.words(e), QUOTED) + ")")));
  }

  private Listing read(ProviderConfig p, String url, ModelListCall.Answer answer) {
    if (!answer.ok()) {
      UpstreamError error = formats.get(p.format()).parseError(answer.body());
      String said = error.message() == null ? "" : ": " + ClientText.quoted(error.message(), QUOTED);
      throw upstreamFailed(url, "it answered " + answer.status() + said);
    }
    try {
      return new Listing(ModelListCall.models(p.format(), answer.body()), clock.instant());
    } catch (IllegalArgumentException e) {
      throw upstreamFailed(url, e.getMessage());
    }
  }

  private static AdminException upstreamFailed(String url, String what) {
    return new AdminException(502, "upstream_error", "Listing the upstream's models with GET " + url + " failed: " + what + ".");
  }
}
