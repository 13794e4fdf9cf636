package dev.keypool.translate;

import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.anthropic.AnthropicErrors;
import dev.keypool.provider.gemini.GeminiErrors;
import dev.keypool.provider.openai.OpenAiErrors;
import io.vertx.core.buffer.Buffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Maps an upstream error in one format to the status, type and body a client of another format
 * expects, through {@link ErrorCategory}: Anthropic's 529 {@code overloaded_error} becomes OpenAI's
 * 503 {@code server_error}, OpenAI's 429 becomes Anthropic's {@code rate_limit_error}. Same-format
 * errors pass through the relay untouched and never reach this; nor do the failures of the gateway's
 * own keys (credential, quota, model access), which the relay answers as a 502 of its own rather than
 * as the provider's 401 or 403.
 */
public final class ErrorMapping {
  private final Map<ProviderFormat, ErrorVocabulary> vocabularies = new EnumMap<>(ProviderFormat.class);

  public ErrorMapping(Map<ProviderFormat, ErrorVocabulary> vocabularies) {
    this.vocabularies.putAll(vocabularies);
    for (ProviderFormat f : ProviderFormat.values()) {
      if (!this.vocabularies.containsKey(f)) {
        throw new IllegalStateException("no error vocabulary registered for " + f);
      }
    }
  }

  /** The vocabularies of every format Keypool ships. */
  public static ErrorMapping standard() {
    return new ErrorMapping(Map.of(ProviderFormat.OPENAI, new OpenAiErrors(),
        ProviderFormat.ANTHROPIC, new AnthropicErrors(), ProviderFormat.GEMINI, new GeminiErrors()));
  }

  /** The category of an upstream error of {@code upstream}'s format. */
  public ErrorCategory classify(ProviderFormat upstream, int status, UpstreamError error) {
    UpstreamError e = error == null ? UpstreamError.EMPTY : error;
    return vocabularies.get(upstream).classify(status, e.type(), e.code());
  }

  /** The upstream error as a client of {@code client}'s format should see it. */
  public ClientError map(ProviderFormat upstream, int status, UpstreamError error, ProviderFormat client) {
    String message = error == null || error.message() == null ? "upstream error (HTTP " + status + ")"
        : error.message();
    return vocabularies.get(client).render(classify(upstream, status, error), message);
  }

  /** The body of {@code error} in {@code client}'s format. */
  public Buffer body(ProviderFormat client, ClientError error) {
    return vocabularies.get(client).body(error);
  }

  public ErrorVocabulary vocabulary(ProviderFormat format) {
    return vocabularies.get(format);
  }
}
