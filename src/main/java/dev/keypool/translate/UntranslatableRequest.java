package dev.keypool.translate;

/**
 * A request that is valid in its own format but uses a feature the canonical model cannot carry (for
 * the Responses API: stored conversation state, background runs, built-in tools). The relay answers a
 * 400 naming the feature instead of silently dropping it.
 */
public final class UntranslatableRequest extends IllegalArgumentException {
  public UntranslatableRequest(String message) {
    super(message);
  }
}
