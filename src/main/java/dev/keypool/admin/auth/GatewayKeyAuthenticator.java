package dev.keypool.admin.auth;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.GatewayKeyRegistry;
import dev.keypool.gatewaykey.GatewayKeySecrets;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.tenancy.Directory;
import dev.keypool.tenancy.Org;
import dev.keypool.tenancy.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Gateway keys with the {@code admin} permission, as {@code Authorization: Bearer ak_...}: the admin
 * role, for automation that already holds a gateway key. A key that cannot authenticate (unknown,
 * suspended, revoked, expired, deleted) is no credential (401); a usable key without the permission,
 * of a suspended user or org, or used from outside its IP allow-list is refused (403).
 */
public final class GatewayKeyAuthenticator implements AdminAuthenticator {
  private final GatewayKeyRegistry keys;
  private final Directory directory;
  private final Clock clock;

  public GatewayKeyAuthenticator(GatewayKeyRegistry keys, Directory directory, Clock clock) {
    this.keys = keys;
    this.directory = directory;
    this.clock = clock;
  }

  @Override
  public Optional<AdminPrincipal> authenticate(AdminCredentials credentials) {
    String bearer = credentials.bearer();
    if (bearer == null || !bearer.startsWith(GatewayKeySecrets.PREFIX)) {
      return Optional.empty();
    }
    GatewayKey key = keys.lookup(bearer);
    long now = clock.millis();
    if (key == null || !key.usable(clock.instant())) {
      return Optional.empty();
    }
    User user = directory.user(key.userId());
    Org org = directory.effectiveOrg(key);
    if ((user != null && !user.active()) || (org != null && !org.active())) {
      throw new AdminForbiddenException("The user or organization of this gateway key is suspended.");
    }
    if (!key.scopes().ips().isEmpty() && !key.scopes().ips().allows(credentials.clientIp())) {
      throw new AdminForbiddenException("This gateway key may not be used from IP address " + credentials.clientIp() + ".");
    }
    if (!key.allows(Permission.ADMIN)) {
      throw new AdminForbiddenException("This gateway key lacks the 'admin' permission needed for the admin API.");
    }
    keys.lastUsed().touch(key.id(), now);
    return Optional.of(AdminPrincipal.gatewayKey());
  }
}
