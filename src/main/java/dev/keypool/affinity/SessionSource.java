package dev.keypool.affinity;

/** Reads a request's value for one affinity source ({@code prompt_cache_key}, {@code header:x-session-id}...). */
@FunctionalInterface
public interface SessionSource {

  /** The value, or null (or blank) when the request does not carry it. */
  String read(String source);
}
