package dev.keypool.provider;

/** What an upstream error body says, in any format: its type, code and message (each may be null). */
public record UpstreamError(String type, String code, String message) {
  public static final UpstreamError EMPTY = new UpstreamError(null, null, null);
}
