package dev.keypool.config;

import java.util.EnumSet;
import java.util.Set;

/** The wire format an upstream provider speaks, or a client calls Keypool in. */
public enum ProviderFormat {
  /** OpenAI chat completions, embeddings; also every OpenAI-compatible host. */
  OPENAI,
  /** Anthropic messages. */
  ANTHROPIC,
  /**
   * Google Gemini {@code generateContent}. Its mappers, error vocabulary and wire format exist, but the
   * relay has no Gemini endpoint or upstream path yet, so it is not among {@link #configurable()}.
   */
  GEMINI;

  /** The formats a provider may declare in the configuration: those the relay can call. */
  public static Set<ProviderFormat> configurable() {
    return EnumSet.of(OPENAI, ANTHROPIC);
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
