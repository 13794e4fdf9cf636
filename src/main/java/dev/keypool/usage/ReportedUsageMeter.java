package dev.keypool.usage;

/**
 * The state every {@link StreamMeter} whose upstream reports usage as one whole object keeps: the last
 * usage reported, whether the stream reached its regular end, and the count of the text served so
 * far. Subclasses only read their format's events into these fields.
 */
abstract class ReportedUsageMeter implements StreamMeter {
  protected final TextTally served = new TextTally();
  protected Usage usage;
  protected boolean complete;

  @Override
  public final Usage usage() {
    return usage;
  }

  @Override
  public final boolean complete() {
    return complete;
  }

  @Override
  public final long servedTokens() {
    return served.tokens();
  }

  @Override
  public final long servedChars() {
    return served.chars();
  }
}
