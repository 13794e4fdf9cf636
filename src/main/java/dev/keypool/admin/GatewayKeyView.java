package dev.keypool.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gateway key as the admin API shows it: never the secret, only its hint. {@code status} is
 * {@code active}, {@code suspended}, {@code revoked} or {@code expired} (derived from the expiry);
 * {@code last_used_at} includes uses not yet written to the database.
 */
record GatewayKeyView(String id, String name, String description, String keyHint, String status, String source,
    String userId, String orgId, List<String> permissions, List<String> allowedModels, List<String> allowedProviders,
    List<String> allowedIps, Map<String, Object> limits, String expiresAt, String lastUsedAt, String createdAt,
    String updatedAt, String revokedAt, String deletedAt) {

  static GatewayKeyView of(GatewayKey k, Instant now, Instant pendingUse) {
    Instant lastUsed = pendingUse != null && (k.lastUsedAt() == null || pendingUse.isAfter(k.lastUsedAt()))
        ? pendingUse : k.lastUsedAt();
    return new GatewayKeyView(k.id(), k.name(), k.description(), k.keyHint(), k.effectiveStatus(now), k.source(),
        k.userId(), k.orgId(), Permission.wireNames(k.permissions()), k.scopes().models().patterns(),
        k.scopes().providers(), k.scopes().ips().entries(), k.limits().toMap(), str(k.expiresAt()), str(lastUsed),
        str(k.createdAt()), str(k.updatedAt()), str(k.revokedAt()), str(k.deletedAt()));
  }

  /** The view plus the secret: the answer to create and regenerate, the only times the key is shown. */
  ObjectNode withSecret(String secret) {
    ObjectNode node = AdminJson.MAPPER.valueToTree(this);
    node.put("key", secret);
    node.put("notice", "Store this key now: it is not shown again.");
    return node;
  }

  static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
