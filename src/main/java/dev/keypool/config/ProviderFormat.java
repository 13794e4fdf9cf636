package dev.keypool.config;

import java.util.EnumSet;
import java.util.Set;

/** The wire format an upstream provider speaks, or a client calls Keypool in. */
public enum ProviderFormat {
  /** OpenAI chat completions, embeddings; also every OpenAI-compatible host. */
  OPENAI,
  /** Anthropic messages. */
  ANTHROPIC,
  /** Google Gemini {@code generateContent} / {@code streamGenerateContent} (the Developer API). */
  GEMINI;

  /** The formats a provider may declare in the configuration: those the relay can call. */
  public static Set<ProviderFormat> configurable() {
    return EnumSet.allOf(ProviderFormat.class);
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
