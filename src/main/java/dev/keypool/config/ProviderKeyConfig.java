package dev.keypool.config;

import java.util.List;

/**
 * A provider key declared in the file. {@code secret} is already resolved from its {@code ${ENV}}
 * reference. {@code requestsPerMinute} of 0 means no local limit.
 */
public record ProviderKeyConfig(
    String name,
    String secret,
    int priority,
    int weight,
    List<String> tags,
    String notes,
    int requestsPerMinute,
    boolean enabled) {

  public ProviderKeyConfig {
    tags = List.copyOf(tags);
  }

  @Override
  public String toString() {
    return "ProviderKeyConfig[name=" + name + ", secret=<redacted>]";
  }
}
