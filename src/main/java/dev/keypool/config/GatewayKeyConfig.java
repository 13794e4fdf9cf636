package dev.keypool.config;

/** A gateway key declared in the file so a fresh install has one; stored hashed like any other. */
public record GatewayKeyConfig(String name, String key) {

  @Override
  public String toString() {
    return "GatewayKeyConfig[name=" + name + ", key=<redacted>]";
  }
}
