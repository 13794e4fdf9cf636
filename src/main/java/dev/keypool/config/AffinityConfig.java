package dev.keypool.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A route's session affinity: requests of one session go to the same provider key while it is usable,
 * so that the provider's prompt cache, which lives with the key's account, keeps hitting.
 *
 * @param enabled off by default: without it keys are chosen by the route's strategy alone
 * @param sources where a request's session id is read, the first one present winning:
 *     {@code prompt_cache_key} (OpenAI chat and Responses), {@code metadata.user_id} (Anthropic Messages)
 *     or {@code header:<name>}; header names are kept in lower case
 * @param ttl how long a session unused on every instance keeps its key
 * @param maxSessions how many sessions the route remembers per instance; past it the least useful go
 */
public record AffinityConfig(boolean enabled, List<String> sources, Duration ttl, int maxSessions) {

  public static final String PROMPT_CACHE_KEY = "prompt_cache_key";
  public static final String METADATA_USER_ID = "metadata.user_id";
  public static final String HEADER_PREFIX = "header:";
  public static final List<String> DEFAULT_SOURCES = List.of(PROMPT_CACHE_KEY, METADATA_USER_ID, "header:x-session-id");
  /** Longer than the providers' prompt caches last unused (minutes to an hour): the key outlives the cache. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /** About 100 bytes a session: 10 MB per route and instance at most. */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;
  public static final AffinityConfig OFF = new AffinityConfig(false, DEFAULT_SOURCES, DEFAULT_TTL, DEFAULT_MAX_SESSIONS);

  public AffinityConfig {
    sources = sources.stream().map(s -> s.startsWith(HEADER_PREFIX) ? s.toLowerCase(Locale.ROOT) : s).toList();
  }

  /** Whether {@code source} is one this version reads. */
  static boolean known(String source) {
    return PROMPT_CACHE_KEY.equals(source) || METADATA_USER_ID.equals(source)
        || (source.startsWith(HEADER_PREFIX) && validHeader(source.substring(HEADER_PREFIX.length())));
  }

  /** An HTTP header name: one or more token characters (RFC 9110). */
  private static boolean validHeader(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c < 127 && c > 32 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
  }
}
