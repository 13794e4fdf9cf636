package dev.keypool.keypool;

/**
 * The health score of one key for one model it served recently (see {@link ModelVitals}): the same
 * measure as the key's own, but counting the model's refusals (MODEL_ACCESS) too and comparing the
 * latency with the provider's fastest key for that model.
 */
public record ModelScore(String model, HealthScore health) {}
