package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.util.List;

/**
 * A public model id and the ordered candidates that serve it: the first candidate is tried first,
 * the others are fallbacks. {@code strategy} picks a key within a candidate's provider.
 */
public record ModelRouteConfig(
    String id,
    List<Candidate> candidates,
    Strategy strategy,
    int maxAttempts,
    int callsPerRotation) {

  public ModelRouteConfig {
    candidates = List.copyOf(candidates);
  }

  /** One provider and the model name it knows this route by. */
  public record Candidate(String provider, String model) {}
}
