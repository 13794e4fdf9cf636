package dev.keypool.relay;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.gatewaykey.KeyStatus;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.clientip.ClientAddress;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.Org;
import dev.keypool.tenancy.User;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * Who is calling and whether they may: the presented key must exist and be usable (401 saying why
 * not), its owner and org must be active, the client address inside the key's allow-list, and the key
 * must hold the permission the endpoint needs (403). In memory only: the registry and the directory.
 */
public final class CallerCheck {
  private final GatewayKeyRegistry keys;
  private final Directory directory;
  private final ClientAddress clientAddress;
  private final Clock clock;

  public CallerCheck(GatewayKeyRegistry keys, Directory directory, Clock clock) {
    this(keys, directory, clock, ClientAddress.PEER);
  }

  /** @param clientAddress how the client's IP is told from its proxies' (the proxy port's {@code trusted_proxies}) */
  public CallerCheck(GatewayKeyRegistry keys, Directory directory, Clock clock, ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
    this.keys = keys;
    this.directory = directory;
    this.clock = clock;
  }

  /** The calling key, admitted for {@code needed}; throws {@link ApiException} otherwise. */
  public GatewayKey admit(HttpServerRequest request, Permission needed) {
    String presented = presentedKey(request);
    if (presented == null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, "missing_api_key",
          "No API key provided. Send your Keypool key as 'Authorization: Bearer ak_...', 'x-api-key: ak_...' or "
              + "'x-goog-api-key: ak_...'.", null);
    }
    GatewayKey key = keys.lookup(presented);
    if (key == null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, "invalid_api_key", "Invalid API key.", null);
    }
    long now = clock.millis();
    refuseUnusable(key, now);
    User owner = directory.user(key.userId());
    if (owner != null && !owner.active()) {
      throw forbidden("user_suspended", "The user this API key belongs to is suspended.");
    }
    Org org = directory.effectiveOrg(key);
    if (org != null && !org.active()) {
      throw forbidden("organization_suspended", "The organization this API key belongs to is suspended.");
    }
    if (!key.scopes().ips().isEmpty()) {
      String ip = clientIp(request);
      if (!key.scopes().ips().allows(ip)) {
        throw forbidden("ip_not_allowed", "This API key may not be used from IP address " + ip + ".");
      }
    }
    if (!key.allows(needed)) {
      throw forbidden("permission_denied", "This API key lacks the '" + needed.wire() + "' permission needed for "
          + request.method() + " " + request.path() + ".");
    }
    keys.lastUsed().touch(key.id(), now);
    return key;
  }

  /** The client's IP address: the peer's, or the one a trusted proxy forwarded; null when unknown. */
  public String clientIp(HttpServerRequest request) {
    return clientAddress.of(request);
  }

  private static void refuseUnusable(GatewayKey key, long nowMillis) {
    String code = null;
    String message = null;
    if (key.deleted()) {
      code = "api_key_deleted";
      message = "This API key has been deleted.";
    } else if (key.status() == KeyStatus.REVOKED) {
      code = "api_key_revoked";
      message = "This API key has been revoked.";
    } else if (key.status() == KeyStatus.SUSPENDED) {
      code = "api_key_suspended";
      message = "This API key is suspended.";
    } else if (key.expiresAt() != null && nowMillis >= key.expiresAt().toEpochMilli()) {
      code = "api_key_expired";
      message = "This API key has expired.";
    }
    if (code != null) {
      throw new ApiException(ErrorKind.AUTHENTICATION, code, message, null);
    }
  }

  private static ApiException forbidden(String code, String message) {
    return new ApiException(ErrorKind.PERMISSION, code, message, null);
  }

  /** The key from {@code Authorization: Bearer}, {@code x-api-key}, {@code x-goog-api-key} or {@code ?key=}. */
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
