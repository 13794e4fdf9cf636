package dev.keypool.config;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin access to the proxy port for browser clients: the origins whose pages may call the
 * API ({@code "*"} for any) and how long a browser may cache a preflight answer. No origin: off.
 */
public record CorsConfig(List<String> allowedOrigins, Duration maxAge) {
  public static final String ANY = "*";
  public static final CorsConfig OFF = new CorsConfig(List.of(), ConfigDefaults.CORS_MAX_AGE);

  public CorsConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public boolean enabled() {
    return !allowedOrigins.isEmpty();
  }

  public boolean anyOrigin() {
    return allowedOrigins.contains(ANY);
  }
}
