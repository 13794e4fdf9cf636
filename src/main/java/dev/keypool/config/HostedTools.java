package dev.keypool.config;

/**
 * What a route does with a Responses request's hosted tools ({@code web_search}, {@code file_search},
 * {@code code_interpreter}, ...) when the request is translated for a provider that cannot run them.
 */
public enum HostedTools {
  /** The request goes without them; the answer names them in {@code x-keypool-dropped-tools}. */
  DROP,
  /** The request is refused with a 400 naming them. */
  REJECT
}
