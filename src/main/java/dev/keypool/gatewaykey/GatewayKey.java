package dev.keypool.gatewaykey;

import dev.keypool.quota.LimitRules;
import java.time.Instant;
import java.util.Set;

/**
 * A key Keypool issued to a client, as stored: only the SHA-256 hash of the secret is kept, plus a
 * short hint so an operator can tell keys apart. Immutable; a change produces a new instance through
 * {@link #toBuilder()}.
 *
 * @param source {@code config} for keys declared in the file, {@code api} for keys created at run time
 * @param userId the owning user, or null
 * @param orgId the key's own org, or null (then the owner's org applies)
 * @param lastUsedAt as last flushed to the store; the registry's tracker holds newer touches
 * @param deletedAt set by a soft delete: the key is kept for history but never authenticates
 */
public record GatewayKey(
    String id,
    String name,
    String description,
    String keyHash,
    String keyHint,
    KeyStatus status,
    String source,
    String userId,
    String orgId,
    KeyScopes scopes,
    Set<Permission> permissions,
    LimitRules limits,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant createdAt,
    Instant updatedAt,
    Instant revokedAt,
    Instant deletedAt) {

  public GatewayKey {
    permissions = Set.copyOf(permissions);
  }

  /** A new key with every optional field at its default; the store fills in id, source and times. */
  public static GatewayKey issue(String name, String keyHash, String keyHint) {
    return new Builder().name(name).keyHash(keyHash).keyHint(keyHint).build();
  }

  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** The status as shown: the stored one, or {@code expired} for an active key past its expiry. */
  public String effectiveStatus(Instant now) {
    return status == KeyStatus.ACTIVE && expired(now) ? "expired" : status.wire();
  }

  /** Whether the key authenticates at {@code now}: active, not expired, not deleted. */
  public boolean usable(Instant now) {
    return status == KeyStatus.ACTIVE && !deleted() && !expired(now);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Fluent construction and change of a key; unset fields keep their defaults (active, read+write, no limits). */
  public static final class Builder {
    private String id;
    private String name;
    private String description = "";
    private String keyHash;
    private String keyHint;
    private KeyStatus status = KeyStatus.ACTIVE;
    private String source;
    private String userId;
    private String orgId;
    private KeyScopes scopes = KeyScopes.ANY;
    private Set<Permission> permissions = Permission.DEFAULTS;
    private LimitRules limits = LimitRules.NONE;
    private Instant expiresAt;
    private Instant lastUsedAt;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant revokedAt;
    private Instant deletedAt;

    public Builder() {}

    private Builder(GatewayKey k) {
      id = k.id;
      name = k.name;
      description = k.description;
      keyHash = k.keyHash;
      keyHint = k.keyHint;
      status = k.status;
      source = k.source;
      userId = k.userId;
      orgId = k.orgId;
      scopes = k.scopes;
      permissions = k.permissions;
      limits = k.limits;
      expiresAt = k.expiresAt;
      lastUsedAt = k.lastUsedAt;
      createdAt = k.createdAt;
      updatedAt = k.updatedAt;
      revokedAt = k.revokedAt;
      deletedAt = k.deletedAt;
    }

    public Builder id(String v) { id = v; return this; }
    public Builder name(String v) { name = v; return this; }
    public Builder description(String v) { description = v == null ? "" : v; return this; }
    public Builder keyHash(String v) { keyHash = v; return this; }
    public Builder keyHint(String v) { keyHint = v; return this; }
    public Builder status(KeyStatus v) { status = v; return this; }
    public Builder source(String v) { source = v; return this; }
    public Builder userId(String v) { userId = v; return this; }
    public Builder orgId(String v) { orgId = v; return this; }
    public Builder scopes(KeyScopes v) { scopes = v; return this; }
    public Builder permissions(Set<Permission> v) { permissions = v; return this; }
    public Builder limits(LimitRules v) { limits = v; return this; }
    public Builder expiresAt(Instant v) { expiresAt = v; return this; }
    public Builder lastUsedAt(Instant v) { lastUsedAt = v; return this; }
    public Builder createdAt(Instant v) { createdAt = v; return this; }
    public Builder updatedAt(Instant v) { updatedAt = v; return this; }
    public Builder revokedAt(Instant v) { revokedAt = v; return this; }
    public Builder deletedAt(Instant v) { deletedAt = v; return this; }

    public GatewayKey build() {
      return new GatewayKey(id, name, description, keyHash, keyHint, status, source, userId, orgId, scopes,
          permissions, limits, expiresAt, lastUsedAt, createdAt, updatedAt, revokedAt, deletedAt);
    }
  }
}
