package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.util.List;

/**
 * A public model id and the ordered candidates that serve it: the first candidate is tried first,
 * the others are fallbacks. {@code strategy} picks a key within a candidate's provider.
 *
 * @param aliases other ids clients may use for this route
 * @param maxTokens the output cap sent to an upstream that requires one (Anthropic) when the client
 *     set none, as when an OpenAI client's request is translated
 */
public record ModelRouteConfig(
    String id,
    List<Candidate> candidates,
    Strategy strategy,
    int maxAttempts,
    int callsPerRotation,
    List<String> aliases,
    int maxTokens) {

  public ModelRouteConfig {
    candidates = List.copyOf(candidates);
    aliases = List.copyOf(aliases);
  }

  /** A route with no aliases and the default output cap. */
  public ModelRouteConfig(String id, List<Candidate> candidates, Strategy strategy, int maxAttempts,
      int callsPerRotation) {
    this(id, candidates, strategy, maxAttempts, callsPerRotation, List.of(), ConfigDefaults.MAX_TOKENS);
  }

  /** One provider and the model name it knows this route by. */
  public record Candidate(String provider, String model) {}
}
