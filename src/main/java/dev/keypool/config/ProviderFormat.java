package dev.keypool.config;

/** The wire format an upstream provider speaks. */
public enum ProviderFormat {
  /** OpenAI chat completions, embeddings; also every OpenAI-compatible host. */
  OPENAI,
  /** Anthropic messages. */
  ANTHROPIC;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
