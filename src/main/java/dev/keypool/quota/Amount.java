package dev.keypool.quota;

/** Usage of one request in every unit a limit counts: requests, tokens and cost in nanos of a US dollar. */
public record Amount(long requests, long tokens, long costNanos) {

  public static final Amount ZERO = new Amount(0, 0, 0);

  public Amount {
    if (requests < 0 || tokens < 0 || costNanos < 0) {
      throw new IllegalArgumentException("amounts are never negative: " + requests + ", " + tokens + ", " + costNanos);
    }
  }

  /** One request with the given tokens and cost: the usual estimate or actual of a single call. */
  public static Amount ofRequest(long tokens, long costNanos) {
    return new Amount(1, tokens, costNanos);
  }

  /** The part of this amount a limit of {@code kind} counts; a concurrency slot is always one. */
  public long of(LimitKind kind) {
    return switch (kind) {
      case REQUESTS -> requests;
      case TOKENS -> tokens;
      case COST_NANOS -> costNanos;
      case CONCURRENT -> 1;
    };
  }
}
