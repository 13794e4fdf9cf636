package dev.keypool.config;

/** How a provider key is presented to the upstream. */
public enum AuthStyle {
  /** {@code Authorization: Bearer <secret>} (OpenAI and compatibles). */
  BEARER,
  /** {@code x-api-key: <secret>} (Anthropic). */
  X_API_KEY,
  /** {@code x-goog-api-key: <secret>} (Gemini; never {@code ?key=}, which would put the key in URLs and logs). */
  X_GOOG_API_KEY,
  /** {@code Authorization: <secret>} with no scheme (some resellers). */
  RAW_AUTHORIZATION
}
