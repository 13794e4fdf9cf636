package dev.keypool.config;

import java.util.List;
import java.util.Locale;

/**
 * Known providers, so that a user writes only {@code preset:} and the keys: each preset gives the wire
 * format, base URL, how keys are sent, and the models the provider is known to serve (listed by
 * {@code GET /v1/models} as {@code provider/model}). Anything the file sets explicitly wins. Any other
 * OpenAI-compatible host needs no preset: {@code format: openai} and its {@code base_url}.
 */
public enum ProviderPreset {
  OPENAI(ProviderFormat.OPENAI, "https://api.openai.com/v1", null, List.of("gpt-5", "gpt-5-mini", "gpt-5-nano",
      "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini", "text-embedding-3-small",
      "text-embedding-3-large")),
  ANTHROPIC(ProviderFormat.ANTHROPIC, "https://api.anthropic.com/v1", null, List.of("claude-opus-4-5",
      "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1")),
  /** Gemini's base URL has no version: the relay appends {@code /v1beta/models/{model}:...}. */
  GEMINI(ProviderFormat.GEMINI, "https://generativelanguage.googleapis.com", null, List.of("gemini-2.5-pro",
      "gemini-2.5-flash", "gemini-2.5-flash-lite")),
  OPENROUTER(ProviderFormat.OPENAI, "https://openrouter.ai/api/v1", AuthStyle.BEARER, List.of(
      "anthropic/claude-sonnet-4.5", "openai/gpt-5", "google/gemini-2.5-pro", "deepseek/deepseek-chat")),
  DEEPSEEK(ProviderFormat.OPENAI, "https://api.deepseek.com/v1", AuthStyle.BEARER, List.of("deepseek-chat",
      "deepseek-reasoner")),
  /** Moonshot AI (Kimi), international endpoint; mainland China accounts use {@code https://api.moonshot.cn/v1}. */
  MOONSHOT(ProviderFormat.OPENAI, "https://api.moonshot.ai/v1", AuthStyle.BEARER, List.of("kimi-k2-0905-preview",
      "kimi-k2-turbo-preview", "moonshot-v1-128k")),
  /** SiliconFlow, global endpoint; mainland China accounts use {@code https://api.siliconflow.cn/v1}. */
  SILICONFLOW(ProviderFormat.OPENAI, "https://api.siliconflow.com/v1", AuthStyle.BEARER, List.of(
      "deepseek-ai/DeepSeek-V3", "Qwen/Qwen3-235B-A22B")),
  /** AssemblyAI's LLM gateway: OpenAI-compatible chat completions, the key as a bare {@code Authorization} value. */
  ASSEMBLYAI(ProviderFormat.OPENAI, "https://llm-gateway.assemblyai.com/v1", AuthStyle.RAW_AUTHORIZATION, List.of(
      "claude-sonnet-4-5-20250929", "gpt-5", "gemini-2.5-flash"));

  private final ProviderFormat format;
  private final String baseUrl;
  private final AuthStyle auth;
  private final List<String> models;

  ProviderPreset(ProviderFormat format, String baseUrl, AuthStyle auth, List<String> models) {
    this.format = format;
    this.baseUrl = baseUrl;
    this.auth = auth;
    this.models = models;
  }

  public ProviderFormat format() {
    return format;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** How keys are sent: the format's usual way unless the provider differs. */
  public AuthStyle auth() {
    return auth == null ? ConfigDefaults.auth(format) : auth;
  }

  public List<String> models() {
    return models;
  }

  /** The name used in the file: {@code openai}, {@code openrouter}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
