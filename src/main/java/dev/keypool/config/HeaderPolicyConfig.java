package dev.keypool.config;

import java.util.List;

/**
 * Which client request headers are forwarded upstream (lower-case names; a trailing {@code *} matches
 * a prefix). Credentials, cookies and client-address headers are never forwarded, listed or not.
 */
public record HeaderPolicyConfig(List<String> forward) {

  public HeaderPolicyConfig {
    forward = List.copyOf(forward);
  }
}
