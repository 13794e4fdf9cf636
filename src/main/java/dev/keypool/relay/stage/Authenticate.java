package dev.keypool.relay.stage;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Identifies the caller from its gateway key, accepted as {@code Authorization: Bearer},
 * {@code x-api-key} (every Anthropic API version), or {@code x-goog-api-key} / {@code ?key=} (Gemini).
 */
public final class Authenticate implements Stage {
  private final GatewayKeyRegistry keys;

  public Authenticate(GatewayKeyRegistry keys) {
    this.keys = keys;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    String presented = presentedKey(ctx.request());
    if (presented == null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, "missing_api_key",
          "No API key provided. Send your Keypool key as 'Authorization: Bearer ak_...' or 'x-api-key: ak_...'.", null);
    }
    GatewayKey caller = keys.authenticate(presented);
    if (caller == null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, "invalid_api_key", "Invalid API key.", null);
    }
    ctx.caller(caller);
    return chain.proceed(ctx);
  }

  /** The caller of an endpoint answered outside the pipeline ({@code /v1/models}, {@code /v1/usage}), or a 401. */
  public static GatewayKey require(GatewayKeyRegistry keys, HttpServerRequest request) {
    String presented = presentedKey(request);
    GatewayKey key = presented == null ? null : keys.authenticate(presented);
    if (key == null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, presented == null ? "missing_api_key" : "invalid_api_key",
          presented == null ? "No API key provided." : "Invalid API key.", null);
    }
    return key;
  }

  public static String presentedKey(HttpServerRequest request) {
    String auth = request.getHeader("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    String key = request.getHeader("x-api-key");
    if (key == null) {
      key = request.getHeader("x-goog-api-key");
    }
    if (key == null) {
      key = request.getParam("key");
    }
    return key == null ? null : key.trim();
  }
}
