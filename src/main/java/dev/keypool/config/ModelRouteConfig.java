package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.time.Duration;
import java.util.List;

/**
 * A public model id and the ordered candidates that serve it: the first candidate is tried first,
 * the others are fallbacks. {@code strategy} picks a key within a candidate's provider.
 *
 * @param aliases other ids clients may use for this route
 * @param maxTokens the output cap sent to an upstream that requires one (Anthropic) when the client
 *     set none, as when an OpenAI client's request is translated
 * @param fakeStream whether a streaming client is served by a non-streamed upstream call (for upstreams
 *     whose streaming is broken or missing): SSE keep-alives while waiting, then the whole answer as SSE
 * @param keepAlive how often a fake stream sends a keep-alive comment while the upstream works
 * @param hostedTools what a Responses request's hosted tools become when translated for a provider that
 *     cannot run them: dropped (the default) or refused
 * @param maxTokensOverLimit what to do with a client's output cap above the target model's output
 *     limit ({@code max_tokens_over_limit}: clamp, the default, or reject)
 * @param affinity which key a session's requests stick to ({@code affinity}); off unless configured
 */
public record ModelRouteConfig(
    String id,
    List<Candidate> candidates,
    Strategy strategy,
    int maxAttempts,
    int callsPerRotation,
    List<String> aliases,
    int maxTokens,
    boolean fakeStream,
    Duration keepAlive,
    HostedTools hostedTools,
    OverLimit maxTokensOverLimit,
    AffinityConfig affinity) {

  public ModelRouteConfig {
    candidates = List.copyOf(candidates);
    aliases = List.copyOf(aliases);
    hostedTools = hostedTools == null ? HostedTools.DROP : hostedTools;
    maxTokensOverLimit = maxTokensOverLimit == null ? OverLimit.CLAMP : maxTokensOverLimit;
    affinity = affinity == null ? AffinityConfig.OFF : affinity;
  }

  /** A route with no aliases and the default output cap. */
  public ModelRouteConfig(String id, List<Candidate> candidates, Strategy strategy, int maxAttempts,
      int callsPerRotation) {
    this(id, candidates, strategy, maxAttempts, callsPerRotation, List.of(), ConfigDefaults.MAX_TOKENS, false,
        ConfigDefaults.KEEP_ALIVE, HostedTools.DROP, OverLimit.CLAMP, AffinityConfig.OFF);
  }

  /** This route served by {@code allowed} only (a key restricted to some providers), other settings kept. */
  public ModelRouteConfig withCandidates(List<Candidate> allowed) {
    return new ModelRouteConfig(id, allowed, strategy, maxAttempts, callsPerRotation, aliases, maxTokens, fakeStream,
        keepAlive, hostedTools, maxTokensOverLimit, affinity);
  }

  /** One provider and the model name it knows this route by. */
  public record Candidate(String provider, String model) {}
}
