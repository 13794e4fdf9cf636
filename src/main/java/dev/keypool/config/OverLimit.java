package dev.keypool.config;

/**
 * What a route does with a client's output cap ({@code max_tokens} and its variants) above the output
 * limit of the model an attempt targets (per the model limits catalog): {@link #CLAMP} sends the
 * limit instead, {@link #REJECT} answers 400 before any upstream call. A model the catalog does not
 * know is left alone either way.
 */
public enum OverLimit {
  CLAMP,
  REJECT
}
