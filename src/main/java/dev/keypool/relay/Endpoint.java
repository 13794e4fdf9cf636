package dev.keypool.relay;

import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;

/**
 * A client-facing POST endpoint of the proxy port: its path, the wire format it speaks, and the path
 * appended to a provider's base URL to reach the same operation upstream.
 */
public enum Endpoint {
  CHAT_COMPLETIONS("/v1/chat/completions", ProviderFormat.OPENAI, "/chat/completions", true),
  EMBEDDINGS("/v1/embeddings", ProviderFormat.OPENAI, "/embeddings", false),
  /**
   * OpenAI's Responses API: passed through to providers that serve it ({@code responses: true}),
   * translated to the chat endpoint of any other provider (see {@link #translatedTo}).
   */
  RESPONSES("/v1/responses", ProviderFormat.OPENAI, "/responses", true),
  /** OpenAI's legacy text completions: passed through, or translated into chat for chat-only upstreams. */
  COMPLETIONS("/v1/completions", ProviderFormat.OPENAI, "/completions", true),
  MESSAGES("/v1/messages", ProviderFormat.ANTHROPIC, "/messages", true),
  COUNT_TOKENS("/v1/messages/count_tokens", ProviderFormat.ANTHROPIC, "/messages/count_tokens", false),
  /**
   * Gemini {@code generateContent} and {@code streamGenerateContent}: one endpoint, since the model and
   * the stream flag are in the path ({@link GeminiCall}); the path here is the template records show.
   * Gemini's base URL is the host alone: the version prefix is part of the upstream path.
   */
  GENERATE_CONTENT("/v1beta/models/{model}:generateContent", ProviderFormat.GEMINI, "/v1beta/models/", true),
  /** Gemini {@code countTokens}: free, like Anthropic's, and not translated. */
  GEMINI_COUNT_TOKENS("/v1beta/models/{model}:countTokens", ProviderFormat.GEMINI, "/v1beta/models/", false);

  private final String path;
  private final ProviderFormat format;
  private final String upstreamPath;
  private final boolean canStream;

  Endpoint(String path, ProviderFormat format, String upstreamPath, boolean canStream) {
    this.path = path;
    this.format = format;
    this.upstreamPath = upstreamPath;
    this.canStream = canStream;
  }

  public String path() {
    return path;
  }

  public ProviderFormat format() {
    return format;
  }

  /**
   * The path appended to the provider's base URL for this call. Only Gemini's depends on the call:
   * {@code /v1beta/models/<model>:generateContent}, or {@code :streamGenerateContent} with
   * {@code ?alt=sse} when {@code sse} (without it Gemini streams one JSON array).
   */
  public String upstreamPath(String model, boolean stream, boolean sse) {
    if (format != ProviderFormat.GEMINI) {
      return upstreamPath;
    }
    String method = this == GEMINI_COUNT_TOKENS ? ":countTokens"
        : !stream ? ":generateContent" : sse ? ":streamGenerateContent?alt=sse" : ":streamGenerateContent";
    return upstreamPath + GeminiCall.pathSegment(model) + method;
  }

  /**
   * The endpoint of the same operation in {@code other}'s format: itself for its own format, the other
   * chat endpoint for chat (Keypool translates chat between formats; legacy completions into chat), null for an operation that exists
   * in one format only (embeddings, token counting, which is not translated either).
   */
  public Endpoint in(ProviderFormat other) {
    if (other == format) {
      return this;
    }
    return switch (this) {
      case CHAT_COMPLETIONS, MESSAGES, GENERATE_CONTENT, RESPONSES -> switch (other) {
        case OPENAI -> CHAT_COMPLETIONS;
        case ANTHROPIC -> MESSAGES;
        case GEMINI -> GENERATE_CONTENT;
      };
      case COMPLETIONS -> CHAT_COMPLETIONS.in(other);
      case EMBEDDINGS, COUNT_TOKENS, GEMINI_COUNT_TOKENS -> null;
    };
  }

  /**
   * Whether {@code provider} serves this endpoint itself, so the body passes through: a provider of
   * the endpoint's format that has it (the Responses API and legacy completions are not served by
   * every OpenAI-compatible host: those get the request translated to chat).
   */
  public boolean passesThrough(ProviderConfig provider) {
    return provider.format() == format && (this != RESPONSES || provider.responses())
        && (this != COMPLETIONS || provider.completions());
  }

  /**
   * The endpoint a translated request goes to at a provider of {@code other}'s format: {@link #in}, except
   * that the Responses API and legacy completions are translated to chat completions even at an
   * OpenAI-format provider without them.
   */
  public Endpoint translatedTo(ProviderFormat other) {
    return this == RESPONSES || this == COMPLETIONS ? CHAT_COMPLETIONS.in(other) : in(other);
  }

  /** Whether a request to this endpoint may ask for an SSE stream. */
  public boolean canStream() {
    return canStream;
  }

  /** The endpoint at this exact path, or null (Gemini's paths name a model: see {@link GeminiCall#parse}). */
  public static Endpoint byPath(String path) {
    for (Endpoint e : values()) {
      if (e.format != ProviderFormat.GEMINI && e.path.equals(path)) {
        return e;
      }
    }
    return null;
  }
}
