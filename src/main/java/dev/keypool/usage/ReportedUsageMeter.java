package dev.keypool.usage;

/**
 * The state every {@link StreamMeter} whose upstream reports usage as one whole object keeps: the last
 * usage reported, whether the stream reached its regular end, and the text served so far. Subclasses
 * only read their format's events into these fields.
 */
abstract class ReportedUsageMeter implements StreamMeter {
  protected final StringBuilder served = new StringBuilder();
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
  public final String servedText() {
    return served.toString();
  }
}
