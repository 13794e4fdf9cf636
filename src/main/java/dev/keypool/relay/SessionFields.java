package dev.keypool.relay;

import dev.keypool.config.AffinityConfig;

/** A request's value for each session affinity source: body fields read in the body's one scan, or a header. */
public final class SessionFields {

  private SessionFields() {}

  /** The value of {@code source} in the request of {@code ctx}, or null. */
  public static String read(RelayContext ctx, String source) {
    if (source.startsWith(AffinityConfig.HEADER_PREFIX)) {
      return ctx.request().getHeader(source.substring(AffinityConfig.HEADER_PREFIX.length()));
    }
    return switch (source) {
      case AffinityConfig.PROMPT_CACHE_KEY -> ctx.body().promptCacheKey();
      case AffinityConfig.METADATA_USER_ID -> ctx.body().metadataUserId();
      default -> null;
    };
  }
}
