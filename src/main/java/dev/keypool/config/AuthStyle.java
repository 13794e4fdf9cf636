package dev.keypool.config;

/** How a provider key is presented to the upstream. */
public enum AuthStyle {
  /** {@code Authorization: Bearer <secret>} (OpenAI and compatibles). */
  BEARER,
  /** {@code x-api-key: <secret>} (Anthropic). */
  X_API_KEY,
  /** {@code Authorization: <secret>} with no scheme (some resellers). */
  RAW_AUTHORIZATION
}
