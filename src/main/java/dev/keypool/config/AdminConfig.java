package dev.keypool.config;

/** Admin API access: a static bearer token for now. */
public record AdminConfig(String token) {

  @Override
  public String toString() {
    return "AdminConfig[token=<redacted>]";
  }
}
