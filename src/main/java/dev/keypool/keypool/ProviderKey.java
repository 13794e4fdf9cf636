package dev.keypool.keypool;

import java.time.Instant;
import java.util.List;

/**
 * The definition of one upstream credential as stored: who it belongs to, how it is preferred, and
 * whether an operator enabled it. Live health (cooldowns, bans, rate-limit headroom) is not here but in
 * the {@link KeyPool}. {@code secret} is plaintext in memory only; {@link #toString()} redacts it.
 *
 * @param source {@code config} for keys declared in the file, {@code api} for keys added at run time
 * @param requestsPerMinute local cap on requests sent with this key per minute; 0 means none
 * @param enabled false when an operator disabled it; never flipped back automatically
 */
public record ProviderKey(
    String id,
    String providerId,
    String name,
    String secret,
    int priority,
    int weight,
    List<String> tags,
    String notes,
    int requestsPerMinute,
    boolean enabled,
    String disabledReason,
    String source,
    Instant createdAt,
    Instant updatedAt) {

  public ProviderKey {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The secret as it may be shown: the first 3 and last 4 characters. */
  public String secretHint() {
    return hint(secret);
  }

  public static String hint(String secret) {
    if (secret == null || secret.length() < 12) {
      return "****";
    }
    return secret.substring(0, 3) + "..." + secret.substring(secret.length() - 4);
  }

  @Override
  public String toString() {
    return "ProviderKey[id=" + id + ", provider=" + providerId + ", name=" + name + ", secret=" + secretHint() + "]";
  }
}
