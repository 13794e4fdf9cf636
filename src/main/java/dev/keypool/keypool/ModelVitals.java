package dev.keypool.keypool;

/**
 * The recent outcomes of one key per model, since access and quotas differ by model: a key may be
 * refused one model (MODEL_ACCESS, a per-model 429) and serve another well. Bounded: at most
 * {@link #MAX_MODELS} models per key; a model not yet seen takes a free slot or the one of the model
 * seen longest ago. Recording allocates only the first time a slot is used (a slot's ring is reused
 * when another model takes it), so the request path stays allocation-free. Not thread-safe: guarded by
 * its {@link PooledKey}.
 */
final class ModelVitals {

  static final int MAX_MODELS = 8;

  private final String[] models = new String[MAX_MODELS];
  private final KeyVitals[] vitals = new KeyVitals[MAX_MODELS];
  private int size;

  void succeeded(String model, long now, long latencyMs) {
    if (model != null) {
      slot(model).succeeded(now, latencyMs);
    }
  }

  void failed(String model, long now, long latencyMs, FailureClass failure) {
    if (model != null) {
      slot(model).failed(now, latencyMs, failure);
    }
  }

  /** The ring of {@code model}: its own, a free one, or the one whose latest outcome is oldest. */
  private KeyVitals slot(String model) {
    int oldest = 0;
    for (int i = 0; i < size; i++) {
      if (models[i].equals(model)) {
        return vitals[i];
      }
      if (vitals[i].latest() < vitals[oldest].latest()) {
        oldest = i;
      }
    }
    int i = size < MAX_MODELS ? size++ : oldest;
    if (vitals[i] == null) {
      vitals[i] = new KeyVitals();
    } else {
      vitals[i].clear();
    }
    models[i] = model;
    return vitals[i];
  }

  int size() {
    return size;
  }

  String model(int i) {
    return models[i];
  }

  /** The tally of the {@code i}-th model's outcomes after {@code cutoff}, MODEL_ACCESS included. */
  KeyVitals.Tally tally(int i, long cutoff) {
    return vitals[i].tally(cutoff, true);
  }
}
