package dev.keypool.testkit;

/** The provider API dialect a fake reply imitates, which decides its error body and rate-limit headers. */
public enum WireFormat {
  /** OpenAI: {@code {"error":{...}}} bodies, {@code x-ratelimit-*} headers, {@code data:}-only SSE ending in {@code [DONE]}. */
  OPENAI,
  /** Anthropic: {@code {"type":"error",...}} bodies, {@code anthropic-ratelimit-*} headers, named SSE events. */
  ANTHROPIC,
  /** Gemini: {@code {"error":{"code","message","status"}}} bodies, no rate-limit headers, {@code data:} SSE with CRLF or a JSON array. */
  GEMINI
}
