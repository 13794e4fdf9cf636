package dev.keypool.testkit;

/** The provider API dialect a fake reply imitates, which decides its error body and rate-limit headers. */
public enum WireFormat {
  /** OpenAI: {@code {"error":{...}}} bodies, {@code x-ratelimit-*} headers, {@code data:}-only SSE ending in {@code [DONE]}. */
  OPENAI,
  /** Anthropic: {@code {"type":"error",...}} bodies, {@code anthropic-ratelimit-*} headers, named SSE events. */
  ANTHROPIC
}
