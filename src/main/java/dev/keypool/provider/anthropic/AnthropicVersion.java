package dev.keypool.provider.anthropic;

/**
 * The Anthropic API versions Keypool writes requests for, named by their {@code anthropic-version}
 * header. A translated request must know its target version because validation differs.
 */
public enum AnthropicVersion {
  /** The long-standing version: named SSE events; accepts temperature, top_p and top_k. */
  V2023_06_01("2023-06-01", true),
  /**
   * Rejects temperature, top_p and top_k with a 400, even at their defaults, and rejects document
   * blocks in assistant messages and citations on text blocks of user messages (the canonical model
   * produces neither).
   */
  V2026_10_21("2026-10-21", false);

  private final String header;
  private final boolean samplingParameters;

  AnthropicVersion(String header, boolean samplingParameters) {
    this.header = header;
    this.samplingParameters = samplingParameters;
  }

  /** The {@code anthropic-version} header value. */
  public String header() {
    return header;
  }

  /** Whether requests may carry temperature, top_p and top_k. */
  public boolean acceptsSamplingParameters() {
    return samplingParameters;
  }

  /** The version a header names; null (no header) means {@link #V2023_06_01}. */
  public static AnthropicVersion fromHeader(String value) {
    if (value == null) {
      return V2023_06_01;
    }
    for (AnthropicVersion v : values()) {
      if (v.header.equals(value.strip())) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown anthropic-version: " + value);
  }
}
