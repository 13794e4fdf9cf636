package dev.keypool.config;

import dev.keypool.gatewaykey.KeyScopes;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.quota.LimitRules;
import java.util.Set;

/**
 * A gateway key declared in the file so a fresh install has one; stored hashed like any other. The
 * file defines its description, scopes, permissions and limits; they are applied at every start.
 */
public record GatewayKeyConfig(String name, String key, String description, KeyScopes scopes,
    Set<Permission> permissions, LimitRules limits) {

  public GatewayKeyConfig {
    permissions = Set.copyOf(permissions);
  }

  /** A key with no description, no scopes, the default permissions and no limits. */
  public GatewayKeyConfig(String name, String key) {
    this(name, key, "", KeyScopes.ANY, Permission.DEFAULTS, LimitRules.NONE);
  }

  @Override
  public String toString() {
    return "GatewayKeyConfig[name=" + name + ", key=<redacted>, scopes=" + scopes + ", permissions=" + permissions
        + ", limits=" + limits + "]";
  }
}
